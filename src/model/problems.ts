/**
 * Problems found in model and scenario files. Every check collects problems instead of throwing, so a user
 * sees all of them at once; an `OxusError` carries the whole list when loading cannot go on.
 */
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

/** `models/x.yaml:12:5 rules.growth.add: unknown symbol 'S2' (expected …, found S2) [E_UNKNOWN_SYMBOL]` */
export function formatProblem(p: Problem): string {
  const where = `${p.file}:${p.line}:${p.column}`;
  const detail = [
    p.expected !== undefined ? `expected ${p.expected}` : undefined,
    p.found !== undefined ? `found ${p.found}` : undefined,
  ].filter((x) => x !== undefined);
  return `${where} ${p.path || '(top)'}: ${p.message}${detail.length ? ` (${detail.join('; ')})` : ''} [${p.code}]`;
}

/** Formats a field path like zod's: `a.b[2].c`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  }
  return out;
}
