// Start the tasks API: apply migrations, then serve on HOST:PORT (defaults 127.0.0.1:8080).
// Environment: DATABASE_URL and TOKEN_SECRET (at least 32 characters) are required; MIGRATIONS_DIR, HOST, PORT.
import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { createApp } from "./app.js";
import { TokenSigner, hashPassword } from "./credentials.js";
import { createPool, migrate } from "./db.js";

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  const secret = process.env.TOKEN_SECRET ?? "";
  if (!databaseUrl || secret.length < 32) {
    console.error("set DATABASE_URL and TOKEN_SECRET (at least 32 characters)");
    process.exit(2);
  }
  const migrations = process.env.MIGRATIONS_DIR ?? resolve(__dirname, "..", "migrations");
  const applied = await migrate(databaseUrl, migrations);
  console.log(`migrations applied: ${applied.join(", ") || "none pending"}`);
  const pool = createPool(databaseUrl);
  // Hashed once so that a login for an unknown user costs as much as one for a known user.
  const dummyHash = await hashPassword(randomBytes(16).toString("hex"));
  const app = createApp(pool, new TokenSigner(Buffer.from(secret)), dummyHash);
  const server = app.listen(Number(process.env.PORT ?? 8080), process.env.HOST ?? "127.0.0.1");
  // On SIGTERM stop taking connections, let requests in flight finish, then close the pool.
  process.on("SIGTERM", () => {
    server.close(() => void pool.end().then(() => process.exit(0)));
    server.closeIdleConnections();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
