// The server's promises about failures, run with Node's built-in test runner after tsc.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { createItemsServer } from "./server.js";

async function withServer(find: Parameters<typeof createItemsServer>[0], run: (base: string) => Promise<void>) {
  const server = createItemsServer(find);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  try {
    await run(`http://127.0.0.1:${port}`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

test("a store that rejects gives a 500 problem document, and the server keeps serving", async () => {
  const failing = async () => {
    throw new Error("connection to the database lost");
  };
  await withServer(failing, async (base) => {
    const response = await fetch(`${base}/items/1`);
    assert.equal(response.status, 500);
    assert.equal(response.headers.get("content-type"), "application/problem+json");
    assert.equal((await response.json()).status, 500);
    assert.equal((await fetch(`${base}/health`)).status, 200);
  });
});

test("an unknown route is a 404 problem document", async () => {
  await withServer(undefined, async (base) => {
    const response = await fetch(`${base}/nothing/here`);
    assert.equal(response.status, 404);
    assert.equal(response.headers.get("content-type"), "application/problem+json");
  });
});
