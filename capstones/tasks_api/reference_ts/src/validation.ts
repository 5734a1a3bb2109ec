// Request bodies: the same limits as openapi.yaml and the Python reference. Lengths count characters
// (code points), as PostgreSQL's varchar does, not UTF-16 units.
import { ProblemError } from "./problems.js";

export interface FieldError {
  field: string;
  message: string;
}

export interface Credentials {
  username: string;
  password: string;
}

export interface NewTask {
  title: string;
  notes: string;
  done: boolean;
}

export type TaskChanges = Partial<NewTask>;

const USERNAME = /^[a-z0-9_]{3,32}$/;
const chars = (text: string): number => Array.from(text).length;

function isObject(body: unknown): body is Record<string, unknown> {
  return typeof body === "object" && body !== null && !Array.isArray(body);
}

function invalid(errors: FieldError[]): never {
  throw new ProblemError(422, "The request has invalid fields.", {}, { errors });
}

function checkText(value: unknown, field: string, min: number, max: number, errors: FieldError[]): void {
  if (typeof value !== "string") {
    errors.push({ field, message: "must be a string" });
  } else if (chars(value) < min || chars(value) > max) {
    errors.push({ field, message: `must be ${min} to ${max} characters` });
  } else if (value.includes("\u0000")) {
    // PostgreSQL text cannot hold U+0000: refuse it as a 422 rather than fail in the database as a 500.
    errors.push({ field, message: "must not contain the NUL character" });
  } else if (min > 0 && !/\S/.test(value)) {
    errors.push({ field, message: "must not be blank" });
  }
}

export function credentials(body: unknown): Credentials {
  if (!isObject(body)) invalid([{ field: "body", message: "must be a JSON object" }]);
  const errors: FieldError[] = [];
  if (typeof body.username !== "string" || !USERNAME.test(body.username)) {
    errors.push({ field: "username", message: "3 to 32 lowercase letters, digits or underscores" });
  }
  if (typeof body.password !== "string" || chars(body.password) < 8 || chars(body.password) > 128) {
    errors.push({ field: "password", message: "must be a string of 8 to 128 characters" });
  }
  if (errors.length) invalid(errors);
  return { username: body.username as string, password: body.password as string };
}

function taskFields(body: Record<string, unknown>, required: boolean, errors: FieldError[]): void {
  if (required || "title" in body) checkText(body.title, "title", 1, 200, errors);
  if ("notes" in body) checkText(body.notes, "notes", 0, 2000, errors);
  if ("done" in body && typeof body.done !== "boolean") errors.push({ field: "done", message: "must be true or false" });
}

export function newTask(body: unknown): NewTask {
  if (!isObject(body)) invalid([{ field: "body", message: "must be a JSON object" }]);
  const errors: FieldError[] = [];
  taskFields(body, true, errors);
  if (errors.length) invalid(errors);
  return { title: body.title as string, notes: (body.notes as string) ?? "", done: (body.done as boolean) ?? false };
}

export function taskChanges(body: unknown): TaskChanges {
  if (!isObject(body)) invalid([{ field: "body", message: "must be a JSON object" }]);
  const errors: FieldError[] = [];
  taskFields(body, false, errors);
  if (errors.length) invalid(errors);
  const changes: TaskChanges = {};
  if ("title" in body) changes.title = body.title as string;
  if ("notes" in body) changes.notes = body.notes as string;
  if ("done" in body) changes.done = body.done as boolean;
  if (Object.keys(changes).length === 0) throw new ProblemError(422, "Send at least one of title, notes and done.");
  return changes;
}
