// The schema, applied at start-up under an advisory lock so two instances never race on it.
import { Pool, PoolClient } from "pg";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS products (
    id bigserial PRIMARY KEY,
    sku text NOT NULL UNIQUE,
    name text NOT NULL,
    description text NOT NULL DEFAULT '',
    price_cents integer NOT NULL CHECK (price_cents >= 0),
    version integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', name), 'A') || setweight(to_tsvector('english', description), 'B')
    ) STORED
);
CREATE INDEX IF NOT EXISTS products_search ON products USING gin (search);
CREATE TABLE IF NOT EXISTS product_tags (
    product_id bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    tag text NOT NULL,
    PRIMARY KEY (product_id, tag)
);
CREATE INDEX IF NOT EXISTS product_tags_tag ON product_tags (tag, product_id);`;

export const SELECT_PRODUCTS = `
SELECT p.id, p.sku, p.name, p.description, p.price_cents, p.version, p.updated_at,
       coalesce(array_agg(t.tag ORDER BY t.tag) FILTER (WHERE t.tag IS NOT NULL), '{}') AS tags
FROM products p LEFT JOIN product_tags t ON t.product_id = p.id`;

export async function migrate(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock(3402)");
    await client.query(SCHEMA);
    await client.query("SELECT pg_advisory_unlock(3402)");
  } finally {
    client.release();
  }
}

export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

// bigserial ids arrive as strings from pg; they stay far below 2^53 here.
export function productJson(row: Record<string, any>): Record<string, unknown> {
  return {
    id: Number(row.id),
    sku: row.sku,
    name: row.name,
    description: row.description,
    price_cents: row.price_cents,
    tags: row.tags,
    version: row.version,
    updated_at: new Date(row.updated_at).toISOString(),
  };
}
