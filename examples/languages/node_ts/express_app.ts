// The items API in Express 5. Type-checked only when express and @types/express are installed
// (they are not dependencies of this repository yet; see the lesson).
import express, { type NextFunction, type Request, type Response } from "express";
import { findItem, parseItemId, toJson } from "./items.js";

// --8<-- [start:express]
const app = express();

app.get("/health", (_req: Request, res: Response) => {
  res.json({ status: "ok" });
});

// Express 5 forwards a rejected promise from an async handler to the error middleware by itself.
app.get("/items/:id", async (req: Request<{ id: string }>, res: Response) => {
  const id = parseItemId(req.params.id);
  const item = id === undefined ? undefined : await findItem(id);
  if (!item) {
    res.status(404).type("application/problem+json").send(
      JSON.stringify({ type: "about:blank", title: "Not Found", status: 404, detail: `No item with id ${req.params.id}` }),
    );
    return;
  }
  res.json(toJson(item));
});

app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
  console.error(error);
  res.status(500).type("application/problem+json").send(JSON.stringify({ title: "Internal Server Error", status: 500 }));
});

app.listen(Number(process.env.PORT ?? 3000), "127.0.0.1");
// --8<-- [end:express]
