// RFC 9457 problem details: every error has this shape, and none carries a stack trace or a driver message.
import type { NextFunction, Request, Response } from "express";

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
  ) {
    super(title);
  }
}

export function send(res: Response, status: number, title: string, detail?: string): void {
  const body: Record<string, unknown> = { type: "about:blank", title, status };
  if (detail) body.detail = detail;
  res.status(status).type("application/problem+json").send(JSON.stringify(body));
}

// Express calls this for thrown errors and for its own body-parser failures (malformed JSON: 400).
export function errorHandler(err: unknown, _req: Request, res: Response, _next: NextFunction): void {
  if (err instanceof Problem) return send(res, err.status, err.title, err.detail);
  const status = (err as { status?: number }).status;
  if (status === 400 || status === 413) return send(res, status, "Bad Request", "The body is not valid JSON.");
  console.error(err); // the log gets the details; the client never does
  send(res, 500, "Internal Server Error");
}
