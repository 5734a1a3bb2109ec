// Accounts service: hashes passwords for the sign-up flow.
//
// Fixed: the callback form of pbkdf2 (promisified) runs the hash on libuv's thread pool, so the event
// loop stays free for /health and other requests while passwords hash. The pool has 4 threads by default
// (UV_THREADPOOL_SIZE); a fifth concurrent hash waits for a free thread, but never blocks the loop.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { pbkdf2, randomBytes } from "node:crypto";
import { promisify } from "node:util";

const pbkdf2Async = promisify(pbkdf2);

const ITERATIONS = 600_000; // OWASP's figure for PBKDF2-HMAC-SHA256
const KEY_BYTES = 32;

function send(res: ServerResponse, status: number, body: unknown, type = "application/json"): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(payload) });
  res.end(payload);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

async function hashPassword(password: string): Promise<{ salt: string; iterations: number; hash: string }> {
  const salt = randomBytes(16);
  const hash = await pbkdf2Async(password, salt, ITERATIONS, KEY_BYTES, "sha256");
  return { salt: salt.toString("base64"), iterations: ITERATIONS, hash: hash.toString("base64") };
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === "GET" && req.url === "/health") {
    return send(res, 200, { status: "ok" });
  }
  if (req.method === "POST" && req.url === "/hash") {
    const body = await readJson(req);
    const password = (body as { password?: unknown }).password;
    if (typeof password !== "string" || password.length === 0) {
      return send(res, 422, { type: "about:blank", title: "Unprocessable Content", status: 422 }, "application/problem+json");
    }
    return send(res, 200, await hashPassword(password));
  }
  send(res, 404, { type: "about:blank", title: "Not Found", status: 404 }, "application/problem+json");
}

createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    console.error(error);
    send(res, 500, { type: "about:blank", title: "Internal Server Error", status: 500 }, "application/problem+json");
  });
}).listen(Number(process.env.PORT ?? 3000), "127.0.0.1");
