/* Backend Skills: runs SQL on PGlite (PostgreSQL compiled to WebAssembly) and shows the result.
 *
 * Loaded by sql-runner.js on the first Run, never with the page. PGlite is served from this site
 * (assets/vendor/pglite, copied from the npm package by tools/vendor_pglite.py). Its two large files, the
 * wasm binary and the file-system bundle, are kept in Cache Storage under the PGlite version, so a second
 * visit neither downloads them again nor needs the network.
 *
 * Every Run starts from the lesson's dataset: the session is reset, every schema dropped, and the
 * dataset's schema.sql and seed.sql loaded again (about 25 ms for a small dataset). Values are shown as
 * PostgreSQL's own text output, the same text the tests compare with a real PostgreSQL server.
 * Everything from a result or an error reaches the page as text, never as HTML.
 *
 * A lesson's block runs as one string. An exercise's SQL runs one statement at a time, as an application
 * sends it (one string would be one implicit transaction and hide a missing BEGIN), and Check compares it
 * with digests of the reference solution's rows: the page never holds the expected rows. Check runs the
 * same steps as tools/sql_exercises.py, which computes the digests on a real PostgreSQL server.
 */

export const PGLITE_VERSION = "0.5.16"; // tests/test_sql_runner.py checks it against package-lock.json
const CACHE_PREFIX = "backend-skills-pglite-";
const CACHE_NAME = CACHE_PREFIX + PGLITE_VERSION;
const VENDOR = new URL("../vendor/pglite/", import.meta.url);
const PRACTICE = new URL("../practice/", import.meta.url);
const DATASET_NAME = /^[a-z0-9_]+(?:\/[a-z0-9_]+)+$/;
const MAX_ROWS_SHOWN = 200;

let database = null;
let textParsers = null;
const datasets = new Map();

/* Large files: from Cache Storage when there, else the network (then stored). */
async function cached(url) {
  if (!("caches" in self)) return fetch(url);
  const cache = await caches.open(CACHE_NAME);
  const hit = await cache.match(url);
  if (hit) return hit;
  const response = await fetch(url);
  if (!response.ok) throw new Error("could not download " + url + " (" + response.status + ")");
  await cache.put(url, response.clone());
  return response;
}

async function dropOldCaches() {
  if (!("caches" in self)) return;
  for (const name of await caches.keys()) {
    if (name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME) await caches.delete(name);
  }
}

async function compile(url) {
  const response = await cached(url);
  try {
    return await WebAssembly.compileStreaming(response.clone()); // compiles while the bytes arrive
  } catch (wrongType) {
    return WebAssembly.compile(await response.arrayBuffer()); // a host that does not say application/wasm
  }
}

function getDatabase() {
  if (!database) {
    database = (async () => {
      const [module, pgliteWasm, initdbWasm, bundle] = await Promise.all([
        import(new URL("index.js", VENDOR).href),
        compile(new URL("pglite.wasm", VENDOR).href),
        compile(new URL("initdb.wasm", VENDOR).href),
        cached(new URL("pglite.data", VENDOR).href).then((response) => response.blob()),
      ]);
      // Every column as PostgreSQL's text output: what psql shows, and what the server tests compare.
      textParsers = {};
      for (const oid of Object.keys(module.types.parsers || {})) textParsers[oid] = (text) => text;
      const db = await module.PGlite.create({
        pgliteWasmModule: pgliteWasm,
        initdbWasmModule: initdbWasm,
        fsBundle: bundle,
      });
      dropOldCaches().catch(() => {});
      return db;
    })().catch((error) => {
      database = null;
      throw error;
    });
  }
  return database;
}

/* Dataset files: the network first (a site update may change them), Cache Storage when offline. */
async function datasetSql(name) {
  if (!DATASET_NAME.test(name)) throw new Error("not a dataset name: " + name);
  if (!datasets.has(name)) {
    const parts = await Promise.all(
      ["schema.sql", "seed.sql"].map(async (file) => {
        const url = new URL(name + "/" + file, PRACTICE).href;
        let response;
        try {
          response = await fetch(url, { cache: "no-cache" });
          if ("caches" in self && response.ok) await (await caches.open(CACHE_NAME)).put(url, response.clone());
        } catch (offline) {
          response = "caches" in self ? await (await caches.open(CACHE_NAME)).match(url) : undefined;
          if (!response) throw offline;
        }
        if (!response.ok) throw new Error("could not download " + url + " (" + response.status + ")");
        return response.text();
      }),
    );
    datasets.set(name, parts.join("\n"));
  }
  return datasets.get(name);
}

/* Back to a fresh copy of the dataset: no open transaction, default settings, only the dataset's tables. */
async function prepare(db, name) {
  const sql = await datasetSql(name);
  await db.exec("ROLLBACK"); // a Run may have left a transaction open (a warning when none is)
  await db.exec("DISCARD ALL"); // settings, temporary tables, prepared statements, advisory locks
  const schemas = await db.query(
    "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'",
  );
  const drops = schemas.rows.map((row) => 'DROP SCHEMA "' + row.nspname.replace(/"/g, '""') + '" CASCADE;');
  await db.exec(drops.join("\n") + "\nCREATE SCHEMA public;\n" + sql);
}

function plainError(error) {
  return {
    message: String(error && error.message ? error.message : error),
    code: error && error.code ? String(error.code) : null,
    detail: error && error.detail ? String(error.detail) : null,
    hint: error && error.hint ? String(error.hint) : null,
  };
}

function plainResult(result) {
  return {
    columns: result.fields.map((field) => field.name),
    rows: result.rows.map((row) => row.map((value) => (value === null ? null : String(value)))),
    affected: typeof result.affectedRows === "number" ? result.affectedRows : null,
  };
}

/* Runs `sql` (one or more statements) on a fresh copy of `dataset`. Plain data only: tests call this too. */
export async function execute(dataset, sql, params) {
  const db = await getDatabase();
  await prepare(db, dataset);
  const started = performance.now();
  try {
    const options = { rowMode: "array", parsers: textParsers };
    const results = params ? [await db.query(sql, params, options)] : await db.exec(sql, options);
    return { results: results.map(plainResult), error: null, ms: performance.now() - started };
  } catch (error) {
    return { results: [], error: plainError(error), ms: performance.now() - started };
  }
}

function element(name, text, className) {
  const node = document.createElement(name);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function table(result, caption) {
  // A wide result scrolls sideways: the wrapper is a named, focusable group so the keyboard can scroll it.
  const wrapper = element("div", undefined, "bs-sql-table");
  wrapper.tabIndex = 0;
  wrapper.setAttribute("role", "group");
  wrapper.setAttribute("aria-label", caption);
  const node = element("table");
  node.appendChild(element("caption", caption));
  const head = node.createTHead().insertRow();
  for (const column of result.columns) {
    const cell = element("th", column);
    cell.scope = "col";
    head.appendChild(cell);
  }
  const body = node.createTBody();
  for (const row of result.rows.slice(0, MAX_ROWS_SHOWN)) {
    const line = body.insertRow();
    for (const value of row) {
      const cell = line.insertCell();
      if (value === null) {
        cell.textContent = "NULL";
        cell.className = "bs-sql-null";
      } else {
        cell.textContent = value;
      }
    }
  }
  wrapper.appendChild(node);
  return wrapper;
}

function rowsLabel(count) {
  return count + (count === 1 ? " row" : " rows");
}

function errorMessage(error, label) {
  const box = element("div", undefined, "bs-sql-error");
  box.setAttribute("role", "alert");
  const prefix = label ? label + ": " : "";
  box.appendChild(element("p", prefix + "ERROR" + (error.code ? " " + error.code : "") + ": " + error.message));
  if (error.detail) box.appendChild(element("p", "DETAIL: " + error.detail));
  if (error.hint) box.appendChild(element("p", "HINT: " + error.hint));
  return box;
}

/* Draws an outcome: one table per statement that returned columns, or the error. */
function show(outcome, output, heading) {
  output.replaceChildren();
  if (heading) output.appendChild(heading);
  if (outcome.error) {
    output.appendChild(errorMessage(outcome.error));
    return;
  }
  const withColumns = outcome.results.filter((result) => result.columns.length);
  withColumns.forEach((result, index) => {
    let caption = "Result" + (withColumns.length > 1 ? " " + (index + 1) : "") + ": " + rowsLabel(result.rows.length);
    if (result.rows.length > MAX_ROWS_SHOWN) caption += " (first " + MAX_ROWS_SHOWN + " shown)";
    output.appendChild(table(result, caption));
  });
  if (!withColumns.length) {
    const changed = outcome.results.reduce((sum, result) => sum + (result.affected || 0), 0);
    output.appendChild(element("p", "Done: no rows returned, " + rowsLabel(changed) + " changed."));
  }
  output.appendChild(element("p", "Ran in " + Math.round(outcome.ms) + " ms.", "bs-sql-timing"));
}

export async function run(dataset, sql, output) {
  show(await execute(dataset, sql), output);
}

/* ---- exercises: statement by statement ------------------------------------------------------------------ */

// Where a statement ends, by the rules psql follows: a semicolon outside quotes, comments and parentheses,
// except inside the BEGIN ... END body of CREATE [OR REPLACE] FUNCTION or PROCEDURE. tools/sql_postgres.py
// implements the same rules, and tests/test_sql_runner.py compares the two.
const IDENTIFIER = /[A-Za-z_\u0080-\uffff][A-Za-z_0-9$\u0080-\uffff]*/y;
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z_0-9\u0080-\uffff]*)?\$/y;
const NUMBER = /[0-9][0-9A-Za-z_.]*/y;
const SPACE = " \t\n\r\f\v"; // PostgreSQL's whitespace; trim() alone would also strip other characters
const EDGE_SPACE = /^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g;

function sticky(pattern, text, at) {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/* The index after the quote that closes a literal opened just before `start` ('' or "" is a quote inside). */
function quotedEnd(sql, start, quote, backslash) {
  let i = start;
  while (i < sql.length) {
    if (backslash && sql[i] === "\\") i += 2;
    else if (sql[i] === quote) {
      if (sql.startsWith(quote + quote, i)) i += 2;
      else return i + 1;
    } else i += 1;
  }
  return sql.length;
}

/* The index after the end of the block comment at `start`: they nest in PostgreSQL. */
function commentEnd(sql, start) {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith("/*", i)) {
      depth += 1;
      i += 2;
    } else if (sql.startsWith("*/", i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else i += 1;
  }
  return sql.length;
}

function inRoutine(head) {
  if (head[0] !== "create") return false;
  const kind = head[1] === "or" && head[2] === "replace" ? head[3] : head[1];
  return kind === "function" || kind === "procedure";
}

/* The statements of `sql`, each without its semicolon; pieces holding only comments are dropped. */
export function splitStatements(sql) {
  const statements = [];
  let start = 0;
  let i = 0;
  let parens = 0;
  let bodyDepth = 0;
  let head = [];
  let hasCode = false;
  while (i < sql.length) {
    const char = sql[i];
    if (SPACE.includes(char)) {
      i += 1;
      continue;
    }
    if (sql.startsWith("--", i)) {
      const ends = [sql.indexOf("\n", i), sql.indexOf("\r", i)].filter((end) => end >= 0);
      i = ends.length ? Math.min(...ends) : sql.length;
      continue;
    }
    if (sql.startsWith("/*", i)) {
      i = commentEnd(sql, i);
      continue;
    }
    if (char === ";" && parens === 0 && bodyDepth === 0) {
      if (hasCode) statements.push(sql.slice(start, i).replace(EDGE_SPACE, ""));
      start = i + 1;
      head = [];
      hasCode = false;
      i += 1;
      continue;
    }
    hasCode = true;
    let match;
    if (char === "'" || char === '"') {
      i = quotedEnd(sql, i + 1, char, false);
    } else if (char === "$" && (match = sticky(DOLLAR_TAG, sql, i))) {
      const end = sql.indexOf(match[0], i + match[0].length);
      i = end < 0 ? sql.length : end + match[0].length;
    } else if ((match = sticky(IDENTIFIER, sql, i))) {
      i += match[0].length;
      const word = match[0].toLowerCase();
      if (word === "e" && sql[i] === "'") {
        i = quotedEnd(sql, i + 1, "'", true); // E'...': backslash escapes, so \' is a quote inside
        continue;
      }
      if (head.length < 4) head.push(word);
      if (parens === 0 && inRoutine(head)) {
        if (word === "begin" || (word === "case" && bodyDepth > 0)) bodyDepth += 1;
        else if (word === "end" && bodyDepth > 0) bodyDepth -= 1;
      }
    } else if ((match = sticky(NUMBER, sql, i))) {
      i += match[0].length; // so the E of 1E5 never starts an E'...' string
    } else {
      if (char === "(") parens += 1;
      else if (char === ")") parens = Math.max(parens - 1, 0);
      i += 1;
    }
  }
  if (hasCode) statements.push(sql.slice(start).replace(EDGE_SPACE, ""));
  return statements;
}

/* Each statement on its own; a failure does not stop the ones after it (as in psql). */
async function runSteps(db, statements) {
  const steps = [];
  for (const statement of statements) {
    try {
      const results = await db.exec(statement, { rowMode: "array", parsers: textParsers });
      steps.push({ statement, results: results.map(plainResult), error: null });
    } catch (error) {
      steps.push({ statement, results: [], error: plainError(error) });
    }
  }
  return steps;
}

/* A fresh copy of the dataset with the exercise's own rows, and the fault a check prepares, if any. */
async function fresh(db, dataset, data, fault) {
  await prepare(db, dataset);
  if (data.setup) await db.exec(data.setup);
  if (fault) await db.exec(fault);
}

/* What ending the reader's session does to their work: an open transaction is rolled back. */
async function endSession(db) {
  await db.exec("ROLLBACK");
}

export async function rowDigest(row) {
  const bytes = new TextEncoder().encode(JSON.stringify(row));
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(hash, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

async function digests(rows, ordered) {
  const found = await Promise.all(rows.map(rowDigest));
  return ordered ? found : found.sort();
}

function lastWithColumns(results) {
  const withColumns = results.filter((result) => result.columns.length);
  return withColumns[withColumns.length - 1] || null;
}

async function outcomeOf(step) {
  if (step.error) return { error: step.error.code };
  const result = lastWithColumns(step.results);
  if (!result) return { columns: [], rows: [] };
  return { columns: result.columns, rows: await digests(result.rows, true) };
}

function sameOutcome(a, b) {
  return JSON.stringify([a.error, a.columns, a.rows]) === JSON.stringify([b.error, b.columns, b.rows]);
}

/* Rows read per table: for every node that scans a table, the rows it returned plus the rows its filter and
 * index recheck removed, times its loops (EXPLAIN reports them per loop). */
export function rowsRead(plans) {
  const totals = {};
  const pending = plans.map((entry) => entry.Plan);
  while (pending.length) {
    const node = pending.pop();
    pending.push(...(node.Plans || []));
    const table = node["Relation Name"];
    if (table === undefined) continue;
    const perLoop = ["Actual Rows", "Rows Removed by Filter", "Rows Removed by Index Recheck"].reduce(
      (sum, key) => sum + (node[key] || 0),
      0,
    );
    totals[table] = (totals[table] || 0) + perLoop * (node["Actual Loops"] ?? 1);
  }
  for (const table of Object.keys(totals)) totals[table] = Math.round(totals[table]);
  return totals;
}

function thousands(count) {
  return count.toLocaleString("en-US");
}

function shortStatement(statement) {
  const text = statement.split(/\s+/).filter(Boolean).join(" ");
  return text.length <= 80 ? text : text.slice(0, 77) + "...";
}

/* The reader's last result against the solution's digests; null when it matches. */
export async function resultProblem(expected, steps, ordered) {
  const failed = steps.findIndex((step) => step.error);
  if (failed >= 0) {
    const error = steps[failed].error;
    return "Statement " + (failed + 1) + " failed: ERROR " + error.code + ": " + error.message;
  }
  const actual = lastWithColumns(steps.flatMap((step) => step.results));
  if (!actual) return "Your SQL returned no rows to compare: end it with a SELECT.";
  if (JSON.stringify(actual.columns) !== JSON.stringify(expected.columns)) {
    return "Expected the columns " + expected.columns.join(", ") + "; your query returned " + actual.columns.join(", ") + ".";
  }
  if (actual.rows.length !== expected.rows.length) {
    return "Expected " + rowsLabel(expected.rows.length) + "; your query returned " + rowsLabel(actual.rows.length) + ".";
  }
  const mine = await digests(actual.rows, ordered);
  if (mine.join() === expected.rows.join()) return null;
  if (!ordered) {
    let common = 0;
    const pool = expected.rows.slice();
    for (const row of mine) {
      const at = pool.indexOf(row);
      if (at >= 0) {
        pool.splice(at, 1);
        common += 1;
      }
    }
    const missing = mine.length - common;
    return rowsLabel(missing) + " of your result " + (missing === 1 ? "is" : "are") + " not in the expected result.";
  }
  if (mine.slice().sort().join() === expected.rows.slice().sort().join()) {
    return "The rows are right but in the wrong order: check ORDER BY.";
  }
  return "Row " + (mine.findIndex((row, index) => row !== expected.rows[index]) + 1) + " differs from the expected result.";
}

/* The first of a check's statements whose outcome differs from the solution's, said plainly. */
async function outcomesProblem(check, steps) {
  for (let n = 0; n < steps.length; n += 1) {
    const step = steps[n];
    const want = check.expected[n];
    const got = await outcomeOf(step);
    if (sameOutcome(want, got)) continue;
    const quoted = 'After your SQL, "' + shortStatement(step.statement) + '"';
    if (want.error && !step.error) return check.requires + " " + quoted + " should fail with error " + want.error + ", but it succeeded.";
    if (want.error) return check.requires + " " + quoted + " should fail with error " + want.error + ", not " + got.error + ".";
    if (step.error) {
      return check.requires + " " + quoted + " should succeed, but it failed: ERROR " + got.error + ": " + step.error.message;
    }
    return check.requires + " " + quoted + " gives other rows than after the reference solution.";
  }
  return null;
}

async function afterSession(db, check) {
  await endSession(db);
  return runSteps(db, splitStatements(check.query));
}

async function planProblem(db, dataset, data, check, statements) {
  await fresh(db, dataset, data);
  await runSteps(db, statements.slice(0, -1));
  const [step] = await runSteps(db, ["EXPLAIN (ANALYZE, FORMAT JSON) " + statements[statements.length - 1]]);
  const result = lastWithColumns(step.results);
  if (step.error || !result || !result.rows.length) {
    const why = step.error ? "ERROR " + step.error.code + ": " + step.error.message : "no plan came back";
    return check.requires + " Check could not EXPLAIN your last statement (" + why + ").";
  }
  const read = rowsRead(JSON.parse(result.rows[0][0] || "[]"));
  for (const [table, bound] of Object.entries(check.max_rows_read)) {
    if ((read[table] || 0) > bound) {
      return check.requires + " Your last statement reads " + thousands(read[table]) + " rows of " + table + "; at most " + thousands(bound) + " may.";
    }
  }
  return null;
}

/* What Check says about `sql`: the problems (none when it passes) and the main run's steps to show. The
 * result comes first; the checks run only once it is right. `data` is the exercise's data-check. */
export async function grade(data, dataset, sql) {
  const db = await getDatabase();
  const started = performance.now();
  const statements = splitStatements(sql);
  if (!statements.length) return { problems: ["Write your SQL first."], steps: [], ms: 0 };
  await fresh(db, dataset, data);
  const steps = await runSteps(db, statements);
  const ms = performance.now() - started;
  const problem = await resultProblem(data.result, steps, data.ordered);
  if (problem) return { problems: [problem], steps, ms };
  const found = new Array(data.checks.length).fill(null);
  // State checks read the database the reader's SQL just ran on, so they come before any fresh copy.
  for (const [n, check] of data.checks.entries()) {
    if (check.kind === "state") found[n] = await outcomesProblem(check, await afterSession(db, check));
  }
  for (const [n, check] of data.checks.entries()) {
    if (check.kind === "fault") {
      await fresh(db, dataset, data, check.fault);
      await runSteps(db, statements);
      found[n] = await outcomesProblem(check, await afterSession(db, check));
    } else if (check.kind === "plan") {
      found[n] = await planProblem(db, dataset, data, check, statements);
    }
  }
  return { problems: found.filter(Boolean), steps, ms };
}

/* An exercise's Run: the same fresh data and statement-by-statement run as Check, without the checks. */
export async function runExerciseSql(exercise, dataset, sql, output) {
  const data = JSON.parse(exercise.getAttribute("data-check"));
  const db = await getDatabase();
  const started = performance.now();
  await fresh(db, dataset, data);
  const steps = await runSteps(db, splitStatements(sql));
  showSteps(steps, performance.now() - started, output);
}

/* Draws an exercise's run: each statement's result or error, in order. */
function showSteps(steps, ms, output, heading) {
  output.replaceChildren();
  if (heading) output.appendChild(heading);
  let shown = 0;
  steps.forEach((step, index) => {
    const label = "Statement " + (index + 1);
    if (step.error) {
      output.appendChild(errorMessage(step.error, label));
      shown += 1;
      return;
    }
    const result = lastWithColumns(step.results);
    if (!result) return;
    let caption = label + ": " + rowsLabel(result.rows.length);
    if (result.rows.length > MAX_ROWS_SHOWN) caption += " (first " + MAX_ROWS_SHOWN + " shown)";
    output.appendChild(table(result, caption));
    shown += 1;
  });
  if (!shown) {
    const changed = steps.flatMap((step) => step.results).reduce((sum, result) => sum + (result.affected || 0), 0);
    output.appendChild(element("p", "Done: no rows returned, " + rowsLabel(changed) + " changed."));
  }
  output.appendChild(element("p", "Ran in " + Math.round(ms) + " ms.", "bs-sql-timing"));
}

export async function check(exercise, dataset, sql, output) {
  const data = JSON.parse(exercise.getAttribute("data-check"));
  if (!(self.crypto && crypto.subtle)) {
    output.textContent = "Check needs the page over HTTPS (it compares digests with the browser's crypto.subtle).";
    return;
  }
  const { problems, steps, ms } = await grade(data, dataset, sql);
  const verdict = element("div", undefined, "bs-sql-verdict bs-sql-verdict--" + (problems.length ? "fail" : "pass"));
  if (!problems.length) verdict.appendChild(element("p", "Correct: your result matches and every check passes."));
  problems.forEach((problem, index) => verdict.appendChild(element("p", (index ? "Also: " : "Not yet: ") + problem)));
  showSteps(steps, ms, output, verdict);
  if (!problems.length) {
    // progress.js keeps it with the reader's other ticks (and in export and import).
    document.dispatchEvent(
      new CustomEvent("backend-skills:done", { detail: { key: "exercise:" + exercise.getAttribute("data-exercise") } }),
    );
  }
}

/* The SQL injection lesson's form: the same input through a string-built query and a bound parameter. */
export function injectionQueries(input) {
  return {
    vulnerable: "SELECT id, email FROM users WHERE email = '" + input + "'",
    parameterized: "SELECT id, email FROM users WHERE email = $1",
  };
}

export async function submitForm(form, output) {
  const dataset = form.getAttribute("data-dataset");
  const input = form.querySelector("input[name=email]").value;
  const queries = injectionQueries(input);
  output.replaceChildren();
  const parts = [
    ["String-built query", queries.vulnerable, await execute(dataset, queries.vulnerable)],
    ["Parameterized query", queries.parameterized + "  -- $1 = the input", await execute(dataset, queries.parameterized, [input])],
  ];
  for (const [title, sql, outcome] of parts) {
    const section = element("section", undefined, "bs-sql-form-result");
    section.appendChild(element("h3", title));
    const code = element("pre");
    code.appendChild(element("code", sql));
    section.appendChild(code);
    const target = element("div");
    show(outcome, target);
    section.appendChild(target);
    output.appendChild(section);
  }
}
