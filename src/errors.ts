/**
 * Every error oxus raises on purpose, and the one classification of them that the CLI and the server's
 * engine host report from. Problems in files are collected, not thrown one by one: an `OxusError` carries
 * all of them. Anything that is none of these classes is an internal error (a bug), never a user's mistake.
 */

/** One problem found in a model, scenario or catalogue file. */
export interface Problem {
  /** Stable code, e.g. E_UNKNOWN_SYMBOL; see docs/errors.md. */
  readonly code: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Field path in the file, e.g. `rules.recruitment.add`. */
  readonly path: string;
  readonly message: string;
  readonly expected?: string;
  readonly found?: string;
}

/** An error that carries every problem found. */
export class OxusError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'OxusError';
    this.problems = problems;
  }
}

/** A failure inside a run (a state became NaN or infinite, or an event's probability is NaN). */
export class EngineError extends Error {
  readonly code: string;
  /** What went wrong and in which step, without the run (`message` adds it). */
  readonly reason: string;
  readonly run: number;
  /** The date the failing step starts from. */
  readonly date: string;
  constructor(code: string, reason: string, run: number, date: string) {
    super(`${reason} (run ${run})`);
    this.name = 'EngineError';
    this.code = code;
    this.reason = reason;
    this.run = run;
    this.date = date;
  }
}

/** A simulation stopped by its caller's AbortSignal. */
export class CancelledError extends Error {
  readonly code = 'E_CANCELLED';
  constructor() {
    super('the simulation was cancelled');
    this.name = 'CancelledError';
  }
}

/** An engine worker thread died while running blocks (a fault in the thread, not in the model). */
export class WorkerCrashedError extends Error {
  readonly code = 'E_WORKER_CRASHED';
  constructor(cause: string) {
    super(
      `an engine worker thread crashed (${cause}); the run was abandoned and the thread replaced: run it again`,
    );
    this.name = 'WorkerCrashedError';
  }
}

/** A request over one of the limits (run count, memory for the per-run records). */
export class LimitError extends Error {
  readonly code = 'E_TOO_MANY_RUNS';
  constructor(message: string) {
    super(message);
    this.name = 'LimitError';
  }
}

/** An analysis asked for something its inputs do not have (an unknown output, a date off the axis, runs that do not pair). */
export class AnalysisError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AnalysisError';
  }
}

/** What kind of failure an error is, with what each kind's report needs. */
export type ErrorKind =
  | { readonly kind: 'problems'; readonly problems: readonly Problem[] }
  | { readonly kind: 'limit'; readonly code: string; readonly message: string }
  | { readonly kind: 'request'; readonly code: string; readonly message: string }
  | {
      readonly kind: 'engine';
      readonly code: string;
      readonly message: string;
      readonly run: number;
      readonly date: string;
    }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'internal'; readonly message: string };

/** Classifies any thrown value; what is not one of oxus's errors is internal. */
export function errorKind(err: unknown): ErrorKind {
  if (err instanceof OxusError) return { kind: 'problems', problems: err.problems };
  if (err instanceof LimitError) return { kind: 'limit', code: err.code, message: err.message };
  if (err instanceof AnalysisError) return { kind: 'request', code: err.code, message: err.message };
  if (err instanceof EngineError)
    return { kind: 'engine', code: err.code, message: err.message, run: err.run, date: err.date };
  if (err instanceof CancelledError) return { kind: 'cancelled' };
  return { kind: 'internal', message: err instanceof Error ? err.message : String(err) };
}

/** `models/x.yaml:12:5 rules.growth.add: unknown symbol 'S2' (expected …, found S2) [E_UNKNOWN_SYMBOL]` */
export function formatProblem(p: Problem): string {
  // A file that cannot be read has no line to point at: `nope.yaml: file not found [E_FILE]`.
  if (p.code === 'E_FILE' && p.path === '') return `${p.file}: ${p.message} [${p.code}]`;
  const where = `${p.file}:${p.line}:${p.column}`;
  const detail = [
    p.expected !== undefined ? `expected ${p.expected}` : undefined,
    p.found !== undefined ? `found ${p.found}` : undefined,
  ].filter((x) => x !== undefined);
  return `${where} ${p.path || '(top)'}: ${p.message}${detail.length ? ` (${detail.join('; ')})` : ''} [${p.code}]`;
}

/** Formats a field path like zod's: `a.b[2].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    out += typeof part === 'number' ? `[${part}]` : out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}
