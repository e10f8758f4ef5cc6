/** Parsing at the HTTP boundary: bodies, queries and ids go through zod before a handler trusts them. */
import type { Request, RequestHandler } from 'express';
import type { z } from 'zod';
import { formatPath } from '../errors.js';
import { markDefaults } from '../model/issueWords.js';
import { HttpError, validationError } from './httpErrors.js';

/** Parses `value` with `schema`, or throws a 400 that lists every problem. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const parsed = schema.safeParse(value, { error: markDefaults });
  if (!parsed.success) throw validationError(parsed.error, schema, value, where);
  return parsed.data;
}

/** Deepest nesting of lists and maps a body may have; no request of the API needs more than a few. */
export const MAX_BODY_DEPTH = 32;

/** The nesting depth of a parsed JSON value, counted without recursion (a deep body cannot overflow it). */
function depthOf(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > limit) return deepest;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Refuses a JSON body nested deeper than MAX_BODY_DEPTH (400), before any handler walks it. */
export const boundedDepth: RequestHandler = (req, _res, next) => {
  if (depthOf(req.body, MAX_BODY_DEPTH) > MAX_BODY_DEPTH)
    throw new HttpError(400, 'E_TOO_DEEP', `the body is nested more than ${MAX_BODY_DEPTH} levels deep`);
  next();
};

/** Keys that name JavaScript's object machinery rather than data: never accepted anywhere in a body. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Paths of every reserved key in a parsed JSON value (depth is bounded by the body-size limit). */
export function reservedKeyPaths(value: unknown, path: PropertyKey[] = [], found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) reservedKeyPaths(v, [...path, i], found);
  } else if (typeof value === 'object' && value !== null)
    for (const key of Object.keys(value)) {
      if (RESERVED_KEYS.has(key)) found.push(formatPath([...path, key]));
      else reservedKeyPaths((value as Record<string, unknown>)[key], [...path, key], found);
    }
  return found;
}

/** The JSON body of a request, parsed with `schema`; a body of another type is a 415. */
export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  if (!req.is('application/json')) {
    throw new HttpError(415, 'E_CONTENT_TYPE', 'send the body as JSON with Content-Type: application/json');
  }
  const reserved = reservedKeyPaths(req.body);
  if (reserved.length) {
    const problems = reserved.map((path) => ({
      code: 'E_RESERVED_KEY',
      path,
      message: `'${path.split(/[.[]/).at(-1)}' is not a name oxus accepts (it names JavaScript's object machinery)`,
    }));
    throw new HttpError(
      400,
      'E_VALIDATION',
      `body ${problems[0]!.path}: ${problems[0]!.message}`,
      problems[0]!.path,
      problems,
    );
  }
  return parseWith(schema, req.body, 'body');
}
