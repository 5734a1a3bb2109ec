// Unit tests for the boundary helpers, run with Node's built-in test runner (`node --test`) after tsc.
import { test } from "node:test";
import assert from "node:assert/strict";
import { findItem, parseItemId, toJson } from "./items.js";

test("parseItemId accepts digits only", () => {
  assert.equal(parseItemId("42"), 42);
  for (const raw of ["", "4a", "-1", "1.5", " 7"]) {
    assert.equal(parseItemId(raw), undefined, raw);
  }
});

test("findItem resolves known ids and misses unknown ones", async () => {
  assert.deepEqual(toJson((await findItem(1))!), { id: 1, name: "Keyboard", price_cents: 4999 });
  assert.equal(await findItem(999), undefined);
});
