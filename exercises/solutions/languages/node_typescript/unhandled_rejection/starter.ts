// Catalog service on node:http: reads items from a store and records every view for analytics.
//
// Fixed: every promise has an owner. The request handler's promise gets a .catch that answers 500 (since
// Node.js 15 an unhandled rejection ends the process); the fire-and-forget view record gets its own
// .catch that logs, because nobody awaits it and its failure must not fail the read.
//
// For the check, the store treats item 13 as the corrupt row, and ANALYTICS_DOWN=1 takes analytics down.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";

interface Item {
  id: number;
  name: string;
  price_cents: number;
}

const ROWS = new Map<number, Item>([
  [1, { id: 1, name: "Keyboard", price_cents: 4999 }],
  [2, { id: 2, name: "Mouse", price_cents: 1999 }],
  [13, { id: 13, name: "Corrupt", price_cents: -1 }],
]);

async function findItem(id: number): Promise<Item | undefined> {
  await sleep(5); // a database round trip
  if (id === 13) throw new Error("row 13: invalid page header");
  return ROWS.get(id);
}

async function recordView(id: number): Promise<void> {
  await sleep(5); // a call to the analytics store
  if (process.env.ANALYTICS_DOWN === "1") throw new Error(`analytics: connection refused recording item ${id}`);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  const type = status >= 400 ? "application/problem+json" : "application/json";
  res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(payload) });
  res.end(payload);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { pathname } = new URL(req.url ?? "/", "http://localhost");
  if (req.method === "GET" && pathname === "/health") return send(res, 200, { status: "ok" });
  const match = /^\/items\/(\d+)$/.exec(pathname);
  if (req.method === "GET" && match?.[1] !== undefined) {
    const id = Number(match[1]);
    const item = await findItem(id);
    if (!item) return send(res, 404, { type: "about:blank", title: "Not Found", status: 404, detail: `No item ${id}` });
    // Not awaited, so analytics never slows the reader down; caught, so its failure is only logged.
    recordView(id).catch((error: unknown) => console.error("view not recorded:", error));
    return send(res, 200, item);
  }
  send(res, 404, { type: "about:blank", title: "Not Found", status: 404, detail: `No route for ${pathname}` });
}

createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    console.error(error);
    if (res.headersSent) return res.destroy();
    send(res, 500, { type: "about:blank", title: "Internal Server Error", status: 500, detail: "" });
  });
}).listen(Number(process.env.PORT ?? 3000), "127.0.0.1");
