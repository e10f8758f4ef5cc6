/** Parsing at the HTTP boundary: bodies, queries and ids go through zod before a handler trusts them. */
import type { Request } from 'express';
import type { z } from 'zod';
import { HttpError, validationError } from './errors.js';

/** Parses `value` with `schema`, or throws a 400 that lists every problem. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error, where);
  return parsed.data;
}

/** The JSON body of a request, parsed with `schema`; a body of another type is a 415. */
export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  if (!req.is('application/json')) {
    throw new HttpError(415, 'E_CONTENT_TYPE', 'send the body as JSON with Content-Type: application/json');
  }
  return parseWith(schema, req.body, 'body');
}
