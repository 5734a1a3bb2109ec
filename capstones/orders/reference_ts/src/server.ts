// The orders service in TypeScript (Express 5, pg): the same contract as the Python reference.
// Configuration from the environment: DATABASE_URL, PAYMENT_URL, API_TOKENS (token:customer,...),
// WEBHOOK_SECRET, PORT.
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import express, { NextFunction, Request, Response } from "express";
import { Pool } from "pg";
import { inTransaction, migrate, orderJson } from "./db";
import { Problem, errorHandler } from "./problems";
import { PaymentWorker } from "./worker";

type Item = { sku: string; quantity: number; unit_price_cents: number };

const tokens = new Map(
  (process.env.API_TOKENS ?? "")
    .split(",")
    .filter((entry) => entry.includes(":"))
    .map((entry) => entry.split(":", 2).map((part) => part.trim()) as [string, string]),
);
const webhookSecret = process.env.WEBHOOK_SECRET ?? "";
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 8 });
const worker = new PaymentWorker(pool, (process.env.PAYMENT_URL ?? "").replace(/\/$/, ""));

const isInt = (value: unknown, min: number, max: number): value is number =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

// Returns the items, or throws a 422 naming the first field that is wrong.
function validItems(body: unknown): Item[] {
  const items = (body as { items?: unknown } | null)?.items;
  if (typeof body !== "object" || body === null || Array.isArray(body) || !Array.isArray(items)) {
    throw new Problem(422, "Unprocessable Content", "items: an array is required.");
  }
  if (items.length < 1 || items.length > 50) throw new Problem(422, "Unprocessable Content", "items: 1 to 50.");
  return items.map((item, n) => {
    const { sku, quantity, unit_price_cents } = (item ?? {}) as Record<string, unknown>;
    if (typeof sku !== "string" || !/^[A-Za-z0-9-]{1,64}$/.test(sku)) {
      throw new Problem(422, "Unprocessable Content", `items.${n}.sku: letters, digits and hyphens.`);
    }
    if (!isInt(quantity, 1, 100)) throw new Problem(422, "Unprocessable Content", `items.${n}.quantity: 1 to 100.`);
    if (!isInt(unit_price_cents, 0, 10_000_000)) {
      throw new Problem(422, "Unprocessable Content", `items.${n}.unit_price_cents: 0 to 10000000.`);
    }
    return { sku, quantity, unit_price_cents };
  });
}

function customer(req: Request): string {
  const [scheme, token] = (req.get("authorization") ?? "").split(" ", 2);
  const who = scheme?.toLowerCase() === "bearer" ? tokens.get(token ?? "") : undefined;
  if (who === undefined) throw new Problem(401, "Unauthorized", "Send a valid bearer token.");
  return who;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const app = express();

app.get("/health", (_req, res) => {
  res.json({ status: "ok" });
});

app.post("/orders", express.json(), async (req: Request, res: Response) => {
  const who = customer(req);
  const items = validItems(req.body);
  const key = req.get("idempotency-key") ?? null;
  if (key !== null && (key.length < 1 || key.length > 200)) throw new Problem(422, "Unprocessable Content", "Idempotency-Key: 1 to 200 characters.");
  const amount = items.reduce((sum, item) => sum + item.quantity * item.unit_price_cents, 0);
  const row = await inTransaction(pool, async (client) => {
    // The order and its payment job commit together or not at all: the transactional outbox.
    const inserted = await client.query(
      `INSERT INTO orders (id, customer, items, amount_cents, idempotency_key) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (customer, idempotency_key) DO NOTHING RETURNING *`,
      [randomUUID(), who, JSON.stringify(items), amount, key],
    );
    if (inserted.rows.length === 0) {
      // A retried request: answer with the order the first one created.
      const first = await client.query("SELECT * FROM orders WHERE customer = $1 AND idempotency_key = $2", [who, key]);
      if (JSON.stringify(first.rows[0].items) !== JSON.stringify(items)) {
        throw new Problem(422, "Idempotency key reused", "This key was used for a different order.");
      }
      return first.rows[0];
    }
    await client.query("INSERT INTO payment_jobs (order_id) VALUES ($1)", [inserted.rows[0].id]);
    return inserted.rows[0];
  });
  res.status(201).location(`/orders/${row.id}`).json(orderJson(row));
});

app.get("/orders/:id", async (req: Request, res: Response) => {
  const who = customer(req);
  const id = String(req.params.id);
  // Owner in the WHERE clause: another customer's order looks exactly like a missing one.
  const { rows } = UUID.test(id) ? await pool.query("SELECT * FROM orders WHERE id = $1 AND customer = $2", [id, who]) : { rows: [] };
  if (rows.length === 0) throw new Problem(404, "Not Found", "No such order.");
  res.json(orderJson(rows[0]));
});

// The raw body: the signature covers the exact bytes the provider sent, not a re-serialization.
app.post("/payment-events", express.raw({ type: "*/*" }), async (req: Request, res: Response) => {
  const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const expected = Buffer.from("sha256=" + createHmac("sha256", webhookSecret).update(body).digest("hex"));
  const given = Buffer.from(req.get("x-signature") ?? "");
  if (!webhookSecret || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new Problem(401, "Unauthorized", "The event signature does not match.");
  }
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(body.toString("utf8"));
  } catch {
    throw new Problem(422, "Unprocessable Content", "The event is not valid JSON.");
  }
  const { id, type, order_id: orderId, amount_cents: amount } = event;
  if (typeof id !== "string" || !id || typeof type !== "string" || typeof orderId !== "string" || !UUID.test(orderId) || !isInt(amount, 1, Number.MAX_SAFE_INTEGER)) {
    throw new Problem(422, "Unprocessable Content", "The event is not valid.");
  }
  if (type !== "refund.succeeded") return void res.json({ status: "ignored" });
  const status = await inTransaction(pool, async (client) => {
    // The event id and its effect share one transaction: a duplicate, even a concurrent one, changes nothing.
    const first = await client.query("INSERT INTO processed_events (id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id", [id]);
    if (first.rows.length === 0) return "duplicate";
    // One atomic UPDATE, not read-then-write: concurrent refunds cannot overwrite each other.
    const updated = await client.query(
      "UPDATE orders SET refunded_cents = refunded_cents + $1 WHERE id = $2 AND refunded_cents + $1 <= amount_cents RETURNING id",
      [amount, orderId],
    );
    if (updated.rows.length === 0) throw new Problem(409, "Refund not applicable", "Unknown order, or more than was paid.");
    return "applied";
  });
  res.json({ status });
});

app.use((_req: Request, _res: Response, next: NextFunction) => next(new Problem(404, "Not Found")));
app.use(errorHandler);

async function main(): Promise<void> {
  await migrate(pool);
  worker.start();
  const server = app.listen(Number(process.env.PORT ?? 8000), "127.0.0.1");
  // SIGTERM: stop taking connections, let requests in flight finish, let the worker finish its job, then exit.
  process.once("SIGTERM", () => {
    server.close();
    server.closeIdleConnections();
    void worker
      .stop()
      .then(() => pool.end())
      .then(() => process.exit(0));
  });
}

void main();
