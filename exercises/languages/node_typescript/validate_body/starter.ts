// Items service on node:http: partners create items with POST /items.
//
// Incident ITEMS-88: the storefront shows items named "undefined" and prices like "12.5012.50"; one partner
// sent {"price_cents": "1250"} and another {"price_cents": 12.5}, and both got 201. A client that sent
// half a JSON document got a 500, and last night one instance ran out of memory while a misbehaving
// client streamed a huge body. Make POST /items accept only what the contract says, and say precisely
// what is wrong with what it refuses.
//
// The contract: a JSON object {"name": string of 1 to 100 characters, "price_cents": integer >= 0}.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

interface Item {
  id: number;
  name: string;
  priceCents: number;
}

interface NewItem {
  name: string;
  price_cents: number;
}

const items = new Map<number, Item>([
  [1, { id: 1, name: "Keyboard", priceCents: 4999 }],
  [2, { id: 2, name: "Mouse", priceCents: 1999 }],
]);
let nextId = 3;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  const type = status >= 400 ? "application/problem+json" : "application/json";
  res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(payload), ...headers });
  res.end(payload);
}

function toJson(item: Item): { id: number; name: string; price_cents: number } {
  return { id: item.id, name: item.name, price_cents: item.priceCents };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { pathname } = new URL(req.url ?? "/", "http://localhost");
  const match = /^\/items\/(\d+)$/.exec(pathname);
  if (req.method === "GET" && match?.[1] !== undefined) {
    const item = items.get(Number(match[1]));
    return item
      ? send(res, 200, toJson(item))
      : send(res, 404, { type: "about:blank", title: "Not Found", status: 404, detail: `No item ${match[1]}` });
  }
  if (req.method === "POST" && pathname === "/items") {
    const input = JSON.parse(await readBody(req)) as NewItem;
    const item: Item = { id: nextId++, name: input.name, priceCents: input.price_cents };
    items.set(item.id, item);
    return send(res, 201, toJson(item), { Location: `/items/${item.id}` });
  }
  send(res, 404, { type: "about:blank", title: "Not Found", status: 404, detail: `No route for ${pathname}` });
}

createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    console.error(error);
    send(res, 500, { type: "about:blank", title: "Internal Server Error", status: 500, detail: "" });
  });
}).listen(Number(process.env.PORT ?? 3000), "127.0.0.1");
