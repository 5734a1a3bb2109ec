// The items API on Node's built-in HTTP server: no framework, so every step is visible.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { findItem, parseItemId, toJson, type Problem } from "./items.js";

// --8<-- [start:server]
function send(res: ServerResponse, status: number, body: unknown, type = "application/json"): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(payload) });
  res.end(payload);
}

function notFound(res: ServerResponse, detail: string): void {
  const problem: Problem = { type: "about:blank", title: "Not Found", status: 404, detail };
  send(res, 404, problem, "application/problem+json");
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { pathname } = new URL(req.url ?? "/", "http://localhost");
  if (req.method === "GET" && pathname === "/health") {
    return send(res, 200, { status: "ok" });
  }
  const match = /^\/items\/([^/]+)$/.exec(pathname);
  if (req.method === "GET" && match?.[1] !== undefined) {
    const id = parseItemId(match[1]);
    const item = id === undefined ? undefined : await findItem(id); // the loop serves others while we wait
    return item ? send(res, 200, toJson(item)) : notFound(res, `No item with id ${match[1]}`);
  }
  notFound(res, `No route for ${pathname}`);
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    console.error(error); // never let a rejected promise crash the process or hang the client
    send(res, 500, { type: "about:blank", title: "Internal Server Error", status: 500, detail: "" }, "application/problem+json");
  });
});

server.listen(Number(process.env.PORT ?? 3000), "127.0.0.1");
// --8<-- [end:server]
