// The items API on Node's built-in HTTP server: no framework, so every step is visible.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { findItem, parseItemId, toJson, type FindItem, type Problem } from "./items.js";

// --8<-- [start:server]
function send(res: ServerResponse, status: number, body: unknown, type = "application/json"): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(payload) });
  res.end(payload);
}

function problem(res: ServerResponse, status: number, title: string, detail: string): void {
  const body: Problem = { type: "about:blank", title, status, detail };
  send(res, status, body, "application/problem+json");
}

async function handle(req: IncomingMessage, res: ServerResponse, find: FindItem): Promise<void> {
  const { pathname } = new URL(req.url ?? "/", "http://localhost");
  if (req.method === "GET" && pathname === "/health") {
    return send(res, 200, { status: "ok" });
  }
  const match = /^\/items\/([^/]+)$/.exec(pathname);
  if (req.method === "GET" && match?.[1] !== undefined) {
    const id = parseItemId(match[1]);
    const item = id === undefined ? undefined : await find(id); // the loop serves others while we wait
    return item ? send(res, 200, toJson(item)) : problem(res, 404, "Not Found", `No item with id ${match[1]}`);
  }
  problem(res, 404, "Not Found", `No route for ${pathname}`);
}

export function createItemsServer(find: FindItem = findItem): Server {
  return createServer((req, res) => {
    handle(req, res, find).catch((error: unknown) => {
      console.error(error); // never let a rejected promise crash the process or leave the client hanging
      if (res.headersSent) {
        res.destroy(); // too late for a clean 500: cut the connection so the client sees the failure
      } else {
        problem(res, 500, "Internal Server Error", "The server could not complete the request");
      }
    });
  });
}
// --8<-- [end:server]
