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

function errorMessage(error) {
  const box = element("div", undefined, "bs-sql-error");
  box.setAttribute("role", "alert");
  box.appendChild(element("p", "ERROR" + (error.code ? " " + error.code : "") + ": " + error.message));
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

/* The last result with columns, compared with the exercise's expected result. */
export function compare(expected, outcome, ordered) {
  if (outcome.error) return "Your query failed, so there is nothing to compare yet.";
  const results = outcome.results.filter((result) => result.columns.length);
  const actual = results[results.length - 1];
  if (!actual) return "Your query returned no rows to compare: end it with a SELECT.";
  if (JSON.stringify(actual.columns) !== JSON.stringify(expected.columns)) {
    return "Expected the columns " + expected.columns.join(", ") + "; your query returned " + actual.columns.join(", ") + ".";
  }
  if (actual.rows.length !== expected.rows.length) {
    return "Expected " + rowsLabel(expected.rows.length) + "; your query returned " + rowsLabel(actual.rows.length) + ".";
  }
  const key = (row) => JSON.stringify(row);
  const mine = actual.rows.map(key);
  const theirs = expected.rows.map(key);
  if (!ordered) {
    mine.sort();
    theirs.sort();
  }
  const first = mine.findIndex((row, index) => row !== theirs[index]);
  if (first === -1) return null;
  return ordered && mine.slice().sort().join() === theirs.slice().sort().join()
    ? "The rows are right but in the wrong order: check ORDER BY."
    : "Row " + (first + 1) + (ordered ? "" : " (rows sorted)") + " differs from the expected result.";
}

export async function check(exercise, dataset, sql, output) {
  const expected = JSON.parse(exercise.getAttribute("data-expected"));
  const ordered = exercise.getAttribute("data-ordered") === "true";
  const outcome = await execute(dataset, sql);
  const problem = compare(expected, outcome, ordered);
  const verdict = element("p", problem ? "Not yet: " + problem : "Correct: your result matches the expected one.");
  verdict.className = problem ? "bs-sql-verdict bs-sql-verdict--fail" : "bs-sql-verdict bs-sql-verdict--pass";
  show(outcome, output, verdict);
  if (!problem) {
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
