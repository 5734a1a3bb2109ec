// RFC 9457 problem details: every error this service returns has this shape.
import { STATUS_CODES } from "node:http";
import type { Response } from "express";

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly detail?: string,
    readonly headers: Record<string, string> = {},
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? STATUS_CODES[status]);
  }
}

export function sendProblem(res: Response, error: ProblemError): void {
  const body: Record<string, unknown> = {
    type: "about:blank",
    title: STATUS_CODES[error.status] ?? "Error",
    status: error.status,
    ...(error.detail ? { detail: error.detail } : {}),
    ...error.extra,
  };
  res.status(error.status).set(error.headers).type("application/problem+json").send(JSON.stringify(body));
}
