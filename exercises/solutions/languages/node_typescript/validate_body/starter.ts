// Items service on node:http: partners create items with POST /items.
//
// Fixed: the body is read with a size limit (413 past it), parsed as `unknown` (400 for broken JSON),
// and turned into a NewItem by one function that checks every field and reports each one that is wrong
// (422). Nothing downstream ever sees input that was not checked, and no `as` cast stands in for a check.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

interface Item {
  id: number;
  name: string;
  priceCents: number;
}

interface NewItem {
  name: string;
  priceCents: number;
}

interface FieldError {
  field: string;
  message: string;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

const MAX_BODY_BYTES = 64 * 1024;

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(detail);
  }
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

// Stop reading as soon as the body passes the limit: buffering whatever a client sends is a memory leak
// waiting for a large enough client.
async function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new HttpProblem(413, "Content Too Large", `The limit is ${MAX_BODY_BYTES} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpProblem(413, "Content Too Large", `The limit is ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpProblem(400, "Bad Request", "The body is not valid JSON");
  }
}

// Parse, don't assume: `unknown` in, a NewItem or every reason it is not one out.
function parseNewItem(input: unknown): Parsed<NewItem> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: "", message: "must be a JSON object" }] };
  }
  const record = input as Record<string, unknown>;
  const errors: FieldError[] = [];
  const name = record["name"];
  if (typeof name !== "string" || name.length < 1 || name.length > 100) {
    errors.push({ field: "name", message: "must be a string of 1 to 100 characters" });
  }
  const price = record["price_cents"];
  if (typeof price !== "number" || !Number.isSafeInteger(price) || price < 0) {
    errors.push({ field: "price_cents", message: "must be an integer of 0 or more" });
  }
  if (errors.length > 0 || typeof name !== "string" || typeof price !== "number") return { ok: false, errors };
  return { ok: true, value: { name, priceCents: price } };
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
    const parsed = parseNewItem(parseJson(await readBody(req)));
    if (!parsed.ok) {
      const detail = "The item does not match the contract";
      return send(res, 422, { type: "about:blank", title: "Unprocessable Content", status: 422, detail, errors: parsed.errors });
    }
    const item: Item = { id: nextId++, ...parsed.value };
    items.set(item.id, item);
    return send(res, 201, toJson(item), { Location: `/items/${item.id}` });
  }
  send(res, 404, { type: "about:blank", title: "Not Found", status: 404, detail: `No route for ${pathname}` });
}

createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    if (error instanceof HttpProblem) {
      // Close the connection after an early answer: the rest of an oversized body is never read.
      res.setHeader("Connection", "close");
      return send(res, error.status, { type: "about:blank", title: error.title, status: error.status, detail: error.detail });
    }
    console.error(error);
    send(res, 500, { type: "about:blank", title: "Internal Server Error", status: 500, detail: "" });
  });
}).listen(Number(process.env.PORT ?? 3000), "127.0.0.1");
