/**
 * The engine's problems in the terms of the request that caused them: a problem in the edited scenario
 * points at the request field (`overrides.taliban_haven`), one in a bundled file at that file, and no
 * absolute path of the server ever reaches a client.
 */
import { relative } from 'node:path';
import type { Problem } from '../errors.js';
import type { JobFailure } from './engineHost/protocol.js';
import { type ApiProblem, HttpError } from './httpErrors.js';

/**
 * Where problems point: the virtual file of an edited scenario, and how a file's path is shown: by a
 * function (`Catalog.shownPath`, for files of several served folders) or relative to one folder, `root`.
 * Either way never absolute.
 */
export type ProblemContext = { readonly editedPath?: string } & (
  | { readonly shown: (file: string) => string }
  | { readonly root: string }
);

function requestPath(path: string): string {
  return path.startsWith('parameters.') ? `overrides.${path.slice('parameters.'.length)}` : path;
}

export function apiProblem(p: Problem, ctx: ProblemContext): ApiProblem {
  const edited = ctx.editedPath !== undefined && p.file === ctx.editedPath;
  return {
    code: p.code,
    path: edited ? requestPath(p.path) : p.path,
    message: p.message,
    file: edited ? '(request)' : 'shown' in ctx ? ctx.shown(p.file) : relative(ctx.root, p.file),
    line: p.line,
    column: p.column,
    ...(p.expected !== undefined ? { expected: p.expected } : {}),
    ...(p.found !== undefined ? { found: p.found } : {}),
  };
}

/** The HTTP error for a job that failed before or while running. */
export function httpErrorOf(failure: JobFailure, ctx: ProblemContext): HttpError | undefined {
  switch (failure.kind) {
    case 'problems': {
      const problems = failure.problems.map((p) => apiProblem(p, ctx));
      const first = problems[0];
      const codes = new Set(problems.map((p) => p.code));
      const code = codes.size === 1 && first ? first.code : 'E_INVALID_SCENARIO';
      const where = first && first.file !== '(request)' ? `${first.file}:${first.line}: ` : '';
      const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
      const message = first
        ? `${where}${first.path ? `${first.path}: ` : ''}${first.message}${more}`
        : 'invalid scenario';
      const status = first && first.file !== '(request)' ? 422 : 400;
      return new HttpError(status, code, message, first?.file === '(request)' ? first.path : '', problems);
    }
    case 'limit':
      return new HttpError(400, failure.code, failure.message, 'runs');
    case 'request':
      return new HttpError(400, failure.code, failure.message);
    case 'cancelled':
      return new HttpError(409, 'E_CANCELLED', 'the run was cancelled');
    case 'timeout':
      return new HttpError(422, 'E_TIMEOUT', failure.message);
    case 'engine':
      return new HttpError(422, failure.code, failure.message);
    case 'crashed':
      return new HttpError(500, 'E_WORKER_CRASHED', failure.message);
    case 'stopped':
      return shuttingDown();
    case 'internal':
      return undefined;
  }
}

/** The 503 of a request the server cannot serve because it is stopping. */
export function shuttingDown(what = 'the server is shutting down'): HttpError {
  return new HttpError(503, 'E_SHUTTING_DOWN', `${what}; try again when it is back`, '', undefined, {
    'Retry-After': '5',
  });
}
