// Entity tags and the conditional request headers of RFC 9110, section 13.
const ENTITY_TAG = /\s*(W\/)?("[\x21\x23-\x7e\x80-\xff]*")\s*(?:,|$)/g;

// Strong: one version of one product always has byte-for-byte the same representation.
export const etagFor = (id: number, version: number): string => `"p${id}-v${version}"`;

function parseTags(header: string): Array<{ weak: boolean; tag: string }> {
  return [...header.matchAll(ENTITY_TAG)].map((m) => ({ weak: m[1] !== undefined, tag: m[2] }));
}

// If-None-Match uses the weak comparison: W/"x" and "x" match (RFC 9110, 13.1.2).
export function noneMatch(header: string | undefined, current: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === "*") return true;
  return parseTags(header).some(({ tag }) => tag === current);
}

// If-Match uses the strong comparison: a weak tag never matches (RFC 9110, 13.1.1).
export function match(header: string, current: string): boolean {
  if (header.trim() === "*") return true;
  return parseTags(header).some(({ weak, tag }) => !weak && tag === current);
}
