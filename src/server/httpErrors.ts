/**
 * Every error the API returns has one shape, `{error: {code, message, path}}`, plus `problems` or `issues`
 * when there is more than one thing to fix. Codes are stable; docs/http-api.md lists them.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { z } from 'zod';
import { formatPath } from '../errors.js';
import { shapeProblems } from '../model/shapeProblems.js';

/** One problem in a request or in a scenario it names, with the field path where it lies. */
export interface ApiProblem {
  readonly code: string;
  readonly path: string;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly expected?: string;
  readonly found?: string;
}

export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    /** Field path in the request (`overrides.taliban_haven`), or '' when the request as a whole is wrong. */
    readonly path: string;
    readonly problems?: readonly ApiProblem[];
  };
}

/**
 * An error with an HTTP status that the error middleware turns into the JSON error shape. It is an answer,
 * not a fault: its stack is never logged, so none is captured (under load, capturing one for every 429
 * cost more than the rest of the refusal).
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path = '',
    readonly problems?: readonly ApiProblem[],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.name = 'HttpError';
  }

  body(): ErrorBody {
    const { code, message, path, problems } = this;
    return { error: { code, message, path, ...(problems?.length ? { problems } : {}) } };
  }
}

/**
 * A 400 listing every problem of a request body or query that `schema` refused, in the user's terms
 * (parse with `{ error: markDefaults }` so that no message of the validation library's own is left).
 */
export function validationError(
  error: z.ZodError,
  schema: z.ZodType,
  value: unknown,
  where = 'body',
): HttpError {
  const problems = shapeProblems(schema, value, error.issues).map((p) => {
    // An unknown key is a problem of the map that holds it (the key is in the message).
    const path = formatPath(p.path);
    const detail = [p.expected !== undefined ? `expected ${p.expected}` : undefined, `found ${p.found}`];
    return { code: p.code, path, message: `${p.message} (${detail.filter(Boolean).join('; ')})` };
  });
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return new HttpError(
    400,
    'E_VALIDATION',
    `${where} ${first.path || '(top)'}: ${first.message}${more}`,
    first.path,
    problems,
  );
}

/** The JSON 404 for every route that does not exist. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'E_NOT_FOUND', `no route for ${req.method} ${req.path}`));
};

interface BodyParserError {
  readonly type?: string;
  readonly status?: number;
  readonly expose?: boolean;
  readonly message: string;
}

/** Maps errors of express's body parser to API errors. */
function fromBodyParser(err: BodyParserError): HttpError | undefined {
  switch (err.type) {
    case 'entity.parse.failed':
      return new HttpError(400, 'E_JSON', `the body is not valid JSON: ${err.message}`);
    case 'entity.too.large':
      return new HttpError(413, 'E_TOO_LARGE', 'the body is larger than the server accepts');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new HttpError(415, 'E_CONTENT_TYPE', err.message);
    default:
      return err.status !== undefined && err.status >= 400 && err.status < 500 && err.expose
        ? new HttpError(err.status, 'E_REQUEST', err.message)
        : undefined;
  }
}

/** The error middleware: last in the chain; unknown errors become a 500 without internals. */
export function errorHandler(log: (err: unknown) => void): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const known =
      err instanceof HttpError
        ? err
        : err instanceof URIError
          ? // A malformed %-escape in the path (`/api/saved-scenarios/%ff`): the client's mistake, not ours.
            new HttpError(400, 'E_BAD_PATH', 'the path has a malformed %-escape')
          : typeof err === 'object' && err !== null
            ? fromBodyParser(err as BodyParserError)
            : undefined;
    if (known) {
      res.status(known.status).set(known.headers).json(known.body());
      return;
    }
    log(err);
    res
      .status(500)
      .json({ error: { code: 'E_INTERNAL', message: 'internal error', path: '' } } satisfies ErrorBody);
  };
}
