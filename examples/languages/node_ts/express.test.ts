// Express 5 sends an async handler's rejection to the error middleware: no wrapper, no next(err).
import { test } from "node:test";
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { createApp } from "./express_app.js";

test("a rejected promise in an async handler reaches the error middleware as a 500 problem", async () => {
  const app = createApp(async () => {
    throw new Error("connection to the database lost");
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const response = await fetch(`http://127.0.0.1:${port}/items/1`);
    assert.equal(response.status, 500);
    assert.equal(response.headers.get("content-type"), "application/problem+json; charset=utf-8");
    assert.equal((await response.json()).status, 500);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
