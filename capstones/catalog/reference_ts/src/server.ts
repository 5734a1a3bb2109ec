// The catalog service in TypeScript (Express 5, pg): the same contract as the Python reference.
// Configuration from the environment: DATABASE_URL, API_TOKENS (token:role,...; admin may write), PORT.
import express, { NextFunction, Request, Response } from "express";
import { Pool, PoolClient } from "pg";
import { etagFor, match, noneMatch } from "./conditional";
import { SELECT_PRODUCTS, inTransaction, migrate, productJson } from "./db";
import { Problem, errorHandler } from "./problems";

const CACHE_TTL_MS = 60_000;
const CACHE_CONTROL = "no-cache"; // stores may keep it, but must revalidate with the ETag before reuse
const tokens = new Map(
  (process.env.API_TOKENS ?? "")
    .split(",")
    .filter((entry) => entry.includes(":"))
    .map((entry) => entry.split(":", 2).map((part) => part.trim()) as [string, string]),
);
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 8 });

// Cache-aside in this process, dropped on every write; the TTL only bounds memory and any missed drop.
const cache = new Map<number, { etag: string; body: string; expires: number }>();

type Fields = { name: string; description: string; price_cents: number; tags: string[] };
const unprocessable = (detail: string) => new Problem(422, "Unprocessable Content", detail);

function validFields(body: unknown): Fields {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw unprocessable("A JSON object is required.");
  const { name, description = "", price_cents: price, tags = [] } = body as Record<string, unknown>;
  if (typeof name !== "string" || name.length < 1 || name.length > 200) throw unprocessable("name: 1 to 200 characters.");
  if (typeof description !== "string" || description.length > 5000) throw unprocessable("description: at most 5000 characters.");
  if (!Number.isInteger(price) || (price as number) < 0 || (price as number) > 100_000_000) {
    throw unprocessable("price_cents: an integer from 0 to 100000000.");
  }
  if (!Array.isArray(tags) || tags.length > 20 || !tags.every((t) => typeof t === "string" && /^[a-z0-9-]{1,40}$/.test(t))) {
    throw unprocessable("tags: at most 20 of lowercase letters, digits and hyphens.");
  }
  return { name, description, price_cents: price as number, tags: tags as string[] };
}

function requireAdmin(req: Request): void {
  const [scheme, token] = (req.get("authorization") ?? "").split(" ", 2);
  const role = scheme?.toLowerCase() === "bearer" ? tokens.get(token ?? "") : undefined;
  if (role === undefined) throw new Problem(401, "Unauthorized", "Send a valid bearer token.");
  if (role !== "admin") throw new Problem(403, "Forbidden", "Only an admin token may change the catalog.");
}

// A positive id that fits PostgreSQL's bigint, or a 404: anything else cannot name a product.
function productId(raw: string): number {
  if (!/^[1-9][0-9]{0,15}$/.test(raw)) throw new Problem(404, "Not Found", "No such product.");
  return Number(raw);
}

function intParam(raw: unknown, fallback: number, min: number, max: number, name: string): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (typeof raw !== "string" || !/^-?[0-9]+$/.test(raw) || value < min || value > max) {
    throw unprocessable(`${name}: an integer from ${min} to ${max}.`);
  }
  return value;
}

async function saveTags(client: PoolClient, id: number, tags: string[]): Promise<void> {
  await client.query("DELETE FROM product_tags WHERE product_id = $1", [id]);
  for (const tag of [...new Set(tags)].sort()) {
    await client.query("INSERT INTO product_tags (product_id, tag) VALUES ($1, $2)", [id, tag]);
  }
}

const app = express();

app.get("/health", (_req, res) => {
  res.json({ status: "ok" });
});

app.get("/products", async (req: Request, res: Response) => {
  const q = req.query.q;
  const tag = req.query.tag;
  if ((q !== undefined && (typeof q !== "string" || q.length > 200)) || (tag !== undefined && (typeof tag !== "string" || tag.length > 40))) {
    throw unprocessable("q: at most 200 characters; tag: at most 40.");
  }
  const limit = intParam(req.query.limit, 20, 1, 100, "limit");
  const offset = intParam(req.query.offset, 0, 0, 100_000, "offset");
  const where: string[] = [];
  const params: unknown[] = [];
  let order = "p.id";
  if (q) {
    // websearch_to_tsquery parses what people type and never raises on odd input; q is always a parameter.
    params.push(q);
    where.push(`p.search @@ websearch_to_tsquery('english', $${params.length})`);
    order = `ts_rank(p.search, websearch_to_tsquery('english', $${params.length})) DESC, p.id`;
  }
  if (tag) {
    params.push(tag);
    where.push(`EXISTS (SELECT 1 FROM product_tags f WHERE f.product_id = p.id AND f.tag = $${params.length})`);
  }
  params.push(limit, offset);
  const sql = `${SELECT_PRODUCTS} ${where.length ? "WHERE " + where.join(" AND ") : ""}
    GROUP BY p.id ORDER BY ${order} LIMIT $${params.length - 1} OFFSET $${params.length}`;
  // One query for the page and its tags, however many products it holds: no N+1.
  const { rows } = await pool.query(sql, params);
  res.json({ items: rows.map(productJson) });
});

app.get("/products/:id", async (req: Request, res: Response) => {
  const id = productId(String(req.params.id));
  let entry = cache.get(id);
  if (entry === undefined || entry.expires < Date.now()) {
    const { rows } = await pool.query(`${SELECT_PRODUCTS} WHERE p.id = $1 GROUP BY p.id`, [id]);
    if (rows.length === 0) throw new Problem(404, "Not Found", "No such product.");
    entry = { etag: etagFor(id, rows[0].version), body: JSON.stringify(productJson(rows[0])), expires: Date.now() + CACHE_TTL_MS };
    cache.set(id, entry);
  }
  res.set({ ETag: entry.etag, "Cache-Control": CACHE_CONTROL });
  if (noneMatch(req.get("if-none-match"), entry.etag)) return void res.status(304).end();
  res.type("application/json").send(entry.body);
});

app.post("/products", express.json(), async (req: Request, res: Response) => {
  requireAdmin(req);
  const fields = validFields(req.body);
  const sku = (req.body as Record<string, unknown>).sku;
  if (typeof sku !== "string" || !/^[A-Za-z0-9-]{1,64}$/.test(sku)) throw unprocessable("sku: letters, digits and hyphens.");
  try {
    const row = await inTransaction(pool, async (client) => {
      const created = await client.query(
        "INSERT INTO products (sku, name, description, price_cents) VALUES ($1, $2, $3, $4) RETURNING id",
        [sku, fields.name, fields.description, fields.price_cents],
      );
      const id = Number(created.rows[0].id);
      await saveTags(client, id, fields.tags);
      return (await client.query(`${SELECT_PRODUCTS} WHERE p.id = $1 GROUP BY p.id`, [id])).rows[0];
    });
    res.status(201).location(`/products/${row.id}`).set("ETag", etagFor(Number(row.id), row.version)).json(productJson(row));
  } catch (error) {
    if ((error as { code?: string }).code === "23505") throw new Problem(409, "Conflict", "A product with this SKU exists.");
    throw error;
  }
});

app.put("/products/:id", express.json(), async (req: Request, res: Response) => {
  requireAdmin(req);
  const id = productId(String(req.params.id));
  const fields = validFields(req.body);
  const ifMatch = req.get("if-match");
  const row = await inTransaction(pool, async (client) => {
    // FOR UPDATE: a concurrent PUT waits here, then sees the new version and fails its precondition.
    const current = await client.query("SELECT id, version FROM products WHERE id = $1 FOR UPDATE", [id]);
    if (current.rows.length === 0) throw new Problem(404, "Not Found", "No such product.");
    if (ifMatch === undefined) throw new Problem(428, "Precondition Required", "Send If-Match with the ETag you last read.");
    if (!match(ifMatch, etagFor(id, current.rows[0].version))) {
      throw new Problem(412, "Precondition Failed", "The product changed since you read it; read it again.");
    }
    await client.query(
      "UPDATE products SET name = $1, description = $2, price_cents = $3, version = version + 1, updated_at = now() WHERE id = $4",
      [fields.name, fields.description, fields.price_cents, id],
    );
    await saveTags(client, id, fields.tags);
    return (await client.query(`${SELECT_PRODUCTS} WHERE p.id = $1 GROUP BY p.id`, [id])).rows[0];
  });
  cache.delete(id); // after the commit: the next reader loads the new version
  res.set("ETag", etagFor(id, row.version)).json(productJson(row));
});

app.use((_req: Request, _res: Response, next: NextFunction) => next(new Problem(404, "Not Found")));
app.use(errorHandler);

async function main(): Promise<void> {
  await migrate(pool);
  const server = app.listen(Number(process.env.PORT ?? 8000), "127.0.0.1");
  process.once("SIGTERM", () => {
    server.close(() => void pool.end().then(() => process.exit(0)));
    server.closeIdleConnections();
  });
}

void main();
