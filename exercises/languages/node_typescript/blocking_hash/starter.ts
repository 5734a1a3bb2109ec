// Accounts service: hashes passwords for the sign-up flow.
//
// Incident AUTH-52: during a sign-up campaign, the load balancer marked every instance unhealthy and took
// them out of rotation, although CPU was only half used and /health does no work at all. Sign-ups that
// used to take half a second took several. Find what holds up /health, fix it, and keep the hashes as
// strong as they are: PBKDF2-HMAC-SHA256, 600,000 iterations, a fresh 16-byte salt per password.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { pbkdf2Sync, randomBytes } from "node:crypto";

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

function hashPassword(password: string): { salt: string; iterations: number; hash: string } {
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(password, salt, ITERATIONS, KEY_BYTES, "sha256");
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
    return send(res, 200, hashPassword(password));
  }
  send(res, 404, { type: "about:blank", title: "Not Found", status: 404 }, "application/problem+json");
}

createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    console.error(error);
    send(res, 500, { type: "about:blank", title: "Internal Server Error", status: 500 }, "application/problem+json");
  });
}).listen(Number(process.env.PORT ?? 3000), "127.0.0.1");
