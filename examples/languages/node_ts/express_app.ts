// The items API in Express 5, type-checked, compiled and run by the chapter's tests.
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import { findItem, parseItemId, toJson, type FindItem } from "./items.js";

// --8<-- [start:express]
function sendProblem(res: Response, status: number, title: string, detail: string): void {
  res.status(status).type("application/problem+json").send(JSON.stringify({ type: "about:blank", title, status, detail }));
}

export function createApp(find: FindItem = findItem): Express {
  const app = express();

  app.get("/health", (_req: Request, res: Response) => {
    res.json({ status: "ok" });
  });

  // Express 5 forwards a rejected promise from an async handler to the error middleware by itself.
  app.get("/items/:id", async (req: Request<{ id: string }>, res: Response) => {
    const id = parseItemId(req.params.id);
    const item = id === undefined ? undefined : await find(id);
    if (!item) {
      sendProblem(res, 404, "Not Found", `No item with id ${req.params.id}`);
      return;
    }
    res.json(toJson(item));
  });

  // Four parameters is how Express recognizes error-handling middleware.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    console.error(error);
    sendProblem(res, 500, "Internal Server Error", "The server could not complete the request");
  });
  return app;
}
// --8<-- [end:express]
