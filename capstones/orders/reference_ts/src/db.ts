// The schema, applied at start-up under an advisory lock so two instances never race on it.
import { Pool, PoolClient } from "pg";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS orders (
    id uuid PRIMARY KEY,
    customer text NOT NULL,
    items jsonb NOT NULL,
    amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
    refunded_cents bigint NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0),
    status text NOT NULL DEFAULT 'pending',
    payment_id text,
    idempotency_key text,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (customer, idempotency_key)
);
CREATE TABLE IF NOT EXISTS payment_jobs (
    order_id uuid PRIMARY KEY REFERENCES orders (id),
    attempts integer NOT NULL DEFAULT 0,
    available_at timestamptz NOT NULL DEFAULT now(),
    done boolean NOT NULL DEFAULT false
);
CREATE INDEX IF NOT EXISTS payment_jobs_due ON payment_jobs (available_at) WHERE NOT done;
CREATE TABLE IF NOT EXISTS processed_events (
    id text PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);`;

export async function migrate(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock(3401)");
    await client.query(SCHEMA);
    await client.query("SELECT pg_advisory_unlock(3401)");
  } finally {
    client.release();
  }
}

// One transaction: committed when `work` resolves, rolled back when it throws.
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

// bigint columns arrive as strings from pg; amounts here stay far below 2^53.
export function orderJson(row: Record<string, any>): Record<string, unknown> {
  return {
    id: row.id,
    status: row.status,
    items: row.items,
    amount_cents: Number(row.amount_cents),
    refunded_cents: Number(row.refunded_cents),
    payment_id: row.payment_id,
    created_at: new Date(row.created_at).toISOString(),
  };
}
