// The domain part of the items API: no HTTP here, so it can be reused by Express, NestJS or node:http.

// --8<-- [start:types]
export interface Item {
  id: number;
  name: string;
  priceCents: number;
}

// RFC 9457 problem details: the error body every implementation in this chapter returns.
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
}

const ITEMS: ReadonlyMap<number, Item> = new Map([
  [1, { id: 1, name: "Keyboard", priceCents: 4999 }],
  [2, { id: 2, name: "Mouse", priceCents: 1999 }],
]);

// Input from the URL is a string until we prove otherwise: parse at the boundary, then trust the type.
export function parseItemId(raw: string): number | undefined {
  return /^\d+$/.test(raw) ? Number(raw) : undefined;
}

// Where items come from; handlers take one as a parameter so tests can pass a failing store.
export type FindItem = (id: number) => Promise<Item | undefined>;

export async function findItem(id: number): Promise<Item | undefined> {
  return ITEMS.get(id); // a real service would await a database query here
}

// The wire format uses snake_case like the other languages; the TypeScript type uses camelCase.
export function toJson(item: Item): { id: number; name: string; price_cents: number } {
  return { id: item.id, name: item.name, price_cents: item.priceCents };
}
// --8<-- [end:types]
