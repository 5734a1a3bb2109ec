// The PostgreSQL pool and the migration runner applied at start.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";

// bigint (OID 20) arrives as a string by default; ids and counts here fit a JavaScript number.
pg.types.setTypeParser(20, (value: string) => Number.parseInt(value, 10));

export function createPool(url: string): pg.Pool {
  return new pg.Pool({ connectionString: url, max: 10 });
}

/** Run `work` in a transaction on one connection; roll back if it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
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

/** Apply the .sql files not yet in schema_migrations, in name order; an advisory lock lets instances take turns. */
export async function migrate(url: string, directory: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock(hashtext('tasks-api migrations'))");
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const done = new Set((await client.query("SELECT name FROM schema_migrations")).rows.map((row) => row.name));
    for (const name of readdirSync(directory).filter((file) => file.endsWith(".sql")).sort()) {
      if (done.has(name)) continue;
      await client.query("BEGIN");
      try {
        await client.query(readFileSync(join(directory, name), "utf8"));
        await client.query("INSERT INTO schema_migrations (name) VALUES ($1)", [name]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
      applied.push(name);
    }
    await client.query("SELECT pg_advisory_unlock(hashtext('tasks-api migrations'))");
  } finally {
    await client.end();
  }
  return applied;
}
