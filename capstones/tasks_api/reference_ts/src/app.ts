// The tasks API: accounts, tokens, and each user's tasks, with the behavior openapi.yaml states.
import { createHash } from "node:crypto";
import express, { type NextFunction, type Request, type Response } from "express";
import type pg from "pg";
import { TokenSigner, hashPassword, verifyPassword } from "./credentials.js";
import { inTransaction } from "./db.js";
import { ProblemError, sendProblem } from "./problems.js";
import { credentials, newTask, taskChanges } from "./validation.js";

const MAX_BIGINT = 2n ** 63n - 1n;
const LOGIN_WINDOW_S = 60;
const LOGIN_FAILURES_ALLOWED = 5;
const TASK_COLUMNS = "id, title, notes, done, version, created_at, updated_at";

interface TaskRow {
  id: number;
  title: string;
  notes: string;
  done: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const taskJson = (row: TaskRow) => ({
  id: row.id,
  title: row.title,
  notes: row.notes,
  done: row.done,
  version: row.version,
  created_at: row.created_at.toISOString(),
  updated_at: row.updated_at.toISOString(),
});

const etag = (version: number): string => `"${version}"`;

function taskIdFromPath(raw: string | undefined): number {
  // Ids are positive bigints; anything else names no task (and must not reach the database as an overflow).
  if (!raw || !/^\d+$/.test(raw) || BigInt(raw) === 0n || BigInt(raw) > MAX_BIGINT) {
    throw new ProblemError(404, "No such task.");
  }
  return Number(raw);
}

/** RFC 9110 If-Match: `*` or a list of entity tags, compared strongly (a weak W/ tag never matches). */
function ifMatchAllows(ifMatch: string, version: number): boolean {
  const tags = new Set(ifMatch.split(",").map((tag) => tag.trim()));
  return tags.has("*") || tags.has(etag(version));
}

function encodeCursor(lastId: number): string {
  return Buffer.from(`after:${lastId}`).toString("base64url");
}

function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const match = /^after:(\d+)$/.exec(text);
  if (!match?.[1]) throw new ProblemError(400, "The cursor is not one this service issued; start again without it.");
  return Number(match[1]);
}

function queryText(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new ProblemError(422, `${name} must be given once.`);
  return value;
}

export function createApp(pool: pg.Pool, signer: TokenSigner, dummyHash: string): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(express.json({ type: ["application/json", "application/*+json"] }));

  const userOf = (req: Request): number => {
    const challenge = 'Bearer realm="tasks"';
    const header = req.get("authorization");
    if (!header) throw new ProblemError(401, "Send a bearer token.", { "WWW-Authenticate": challenge });
    const [scheme = "", token = ""] = header.split(" ", 2);
    const userId = scheme.toLowerCase() === "bearer" ? signer.verify(token.trim()) : null;
    if (userId === null) {
      throw new ProblemError(401, "The token is invalid or has expired.", {
        "WWW-Authenticate": `${challenge}, error="invalid_token"`,
      });
    }
    return userId;
  };

  app.get("/health", async (_req, res) => {
    await pool.query("SELECT 1");
    res.json({ status: "ok" });
  });

  app.post("/users", async (req, res) => {
    const body = credentials(req.body);
    const passwordHash = await hashPassword(body.password);
    try {
      const { rows } = await pool.query(
        "INSERT INTO users (username, password_hash) VALUES ($1, $2) RETURNING id, username",
        [body.username, passwordHash],
      );
      res.status(201).location(`/users/${rows[0].id}`).json({ id: rows[0].id, username: rows[0].username });
    } catch (error) {
      if ((error as { code?: string }).code === "23505") throw new ProblemError(409, "That username is taken.");
      throw error;
    }
  });

  app.post("/tokens", async (req, res) => {
    const body = credentials(req.body);
    const outcome = await inTransaction(pool, async (client) => {
      // One login at a time per username, so parallel guesses cannot all slip under the limit.
      await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [body.username]);
      const window = await client.query(
        "SELECT count(*) AS failures, extract(epoch FROM min(failed_at) + make_interval(secs => $1) - now()) AS wait " +
          "FROM login_failures WHERE username = $2 AND failed_at > now() - make_interval(secs => $1)",
        [LOGIN_WINDOW_S, body.username],
      );
      if (window.rows[0].failures >= LOGIN_FAILURES_ALLOWED) {
        const retryAfter = String(Math.max(1, Math.ceil(Number(window.rows[0].wait))));
        throw new ProblemError(429, "Too many failed logins; wait before trying again.", { "Retry-After": retryAfter });
      }
      const user = await client.query("SELECT id, password_hash FROM users WHERE username = $1", [body.username]);
      const row = user.rows[0];
      const ok = await verifyPassword(body.password, row ? row.password_hash : dummyHash);
      if (!ok || !row) {
        await client.query("INSERT INTO login_failures (username) VALUES ($1)", [body.username]);
        return null;
      }
      return row.id as number;
    });
    if (outcome === null) throw new ProblemError(401, "Wrong username or password.");
    res.status(201).json({ access_token: signer.issue(outcome), token_type: "Bearer", expires_in: 3600 });
  });

  app.post("/tasks", async (req, res) => {
    const userId = userOf(req);
    const body = newTask(req.body);
    const key = req.get("idempotency-key");
    if (key !== undefined && (key.length < 1 || key.length > 255)) {
      throw new ProblemError(422, "Idempotency-Key must be 1 to 255 characters.");
    }
    const fingerprint = createHash("sha256").update(JSON.stringify(body)).digest("hex");
    const reply = await inTransaction(pool, async (client) => {
      if (key !== undefined) {
        // Serialize requests with the same key: the second waits, then replays the first's response.
        await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`${userId}:${key}`]);
        const earlier = await client.query(
          "SELECT request_hash, status, body, location FROM idempotency_keys WHERE owner_id = $1 AND key = $2",
          [userId, key],
        );
        const stored = earlier.rows[0];
        if (stored) {
          if (stored.request_hash !== fingerprint) {
            throw new ProblemError(422, "This Idempotency-Key was used with a different request body.");
          }
          return { status: stored.status as number, content: stored.body as string, location: stored.location as string };
        }
      }
      const { rows } = await client.query(
        `INSERT INTO tasks (owner_id, title, notes, done) VALUES ($1, $2, $3, $4) RETURNING ${TASK_COLUMNS}`,
        [userId, body.title, body.notes, body.done],
      );
      const content = JSON.stringify(taskJson(rows[0]));
      const location = `/tasks/${rows[0].id}`;
      if (key !== undefined) {
        await client.query(
          "INSERT INTO idempotency_keys (owner_id, key, request_hash, status, body, location) VALUES ($1, $2, $3, 201, $4, $5)",
          [userId, key, fingerprint, content, location],
        );
      }
      return { status: 201, content, location };
    });
    const version = (JSON.parse(reply.content) as { version: number }).version;
    res.status(reply.status).location(reply.location).set("ETag", etag(version)).type("application/json").send(reply.content);
  });

  app.get("/tasks", async (req, res) => {
    const userId = userOf(req);
    const limitText = queryText(req, "limit") ?? "20";
    if (!/^\d+$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > 100) {
      throw new ProblemError(422, "limit must be a whole number from 1 to 100.");
    }
    const limit = Number(limitText);
    const done = queryText(req, "done");
    if (done !== undefined && done !== "true" && done !== "false") throw new ProblemError(422, "done must be true or false.");
    const cursor = queryText(req, "cursor");
    const q = queryText(req, "q");
    const conditions = ["owner_id = $1", "id > $2"];
    const params: unknown[] = [userId, cursor ? decodeCursor(cursor) : 0];
    if (q) {
      params.push(q);
      conditions.push(`position(lower($${params.length}) in lower(title)) > 0`);
    }
    if (done !== undefined) {
      params.push(done === "true");
      conditions.push(`done = $${params.length}`);
    }
    params.push(limit + 1);
    const { rows } = await pool.query(
      `SELECT ${TASK_COLUMNS} FROM tasks WHERE ${conditions.join(" AND ")} ORDER BY id LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit) as TaskRow[];
    if (rows.length > limit) {
      const next = new URL(req.originalUrl, `${req.protocol}://${req.get("host")}`);
      next.searchParams.set("cursor", encodeCursor(page[page.length - 1]!.id));
      res.set("Link", `<${next.toString()}>; rel="next"`);
    }
    res.json({ items: page.map(taskJson) });
  });

  app.get("/tasks/:id", async (req, res) => {
    const userId = userOf(req);
    const { rows } = await pool.query(`SELECT ${TASK_COLUMNS} FROM tasks WHERE id = $1 AND owner_id = $2`, [
      taskIdFromPath(req.params.id),
      userId,
    ]);
    if (!rows[0]) throw new ProblemError(404, "No such task.");
    res.set("ETag", etag(rows[0].version)).json(taskJson(rows[0]));
  });

  app.patch("/tasks/:id", async (req, res) => {
    const userId = userOf(req);
    const task = taskIdFromPath(req.params.id);
    const changes = taskChanges(req.body);
    const ifMatch = req.get("if-match");
    if (ifMatch === undefined) {
      throw new ProblemError(428, "Send If-Match with the task's ETag, so that you do not overwrite a change you have not seen.");
    }
    const current = await pool.query("SELECT version FROM tasks WHERE id = $1 AND owner_id = $2", [task, userId]);
    if (!current.rows[0]) throw new ProblemError(404, "No such task.");
    const version = current.rows[0].version as number;
    if (!ifMatchAllows(ifMatch, version)) {
      throw new ProblemError(412, "If-Match does not match the task's current ETag; fetch it again.");
    }
    const columns = Object.keys(changes);
    const assignments = columns.map((column, index) => `${column} = $${index + 1}`).join(", ");
    const n = columns.length;
    // The version condition makes the check and the write one atomic step: of two updates sent with the same
    // ETag, the second finds no row and gets 412 instead of silently overwriting the first.
    const { rows } = await pool.query(
      `UPDATE tasks SET ${assignments}, version = version + 1, updated_at = now() ` +
        `WHERE id = $${n + 1} AND owner_id = $${n + 2} AND version = $${n + 3} RETURNING ${TASK_COLUMNS}`,
      [...Object.values(changes), task, userId, version],
    );
    if (!rows[0]) throw new ProblemError(412, "The task changed since you read it; fetch it again and reapply your change.");
    res.set("ETag", etag(rows[0].version)).json(taskJson(rows[0]));
  });

  app.delete("/tasks/:id", async (req, res) => {
    const userId = userOf(req);
    const result = await pool.query("DELETE FROM tasks WHERE id = $1 AND owner_id = $2", [
      taskIdFromPath(req.params.id),
      userId,
    ]);
    if (!result.rowCount) throw new ProblemError(404, "No such task.");
    res.status(204).end();
  });

  app.use((_req: Request, _res: Response, next: NextFunction) => next(new ProblemError(404, "No such resource.")));

  // Errors: every one is a problem details response; details of unexpected ones go to the log only.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof ProblemError) return sendProblem(res, error);
    const parse = error as { type?: string; status?: number };
    if (parse.type === "entity.parse.failed") return sendProblem(res, new ProblemError(400, "The body is not valid JSON."));
    if (typeof parse.status === "number" && parse.status >= 400 && parse.status < 500) {
      return sendProblem(res, new ProblemError(parse.status));
    }
    console.error(`unhandled error on ${req.method} ${req.path}`, error);
    return sendProblem(res, new ProblemError(500, "Something went wrong on our side."));
  });
  return app;
}
