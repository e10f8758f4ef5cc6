/** What a command needs from the process, passed in so that tests run the CLI in-process. */
import { relative, resolve } from 'node:path';
import { writeOut } from './outPath.js';

export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal (a progress bar is drawn only then). */
  readonly isTTY: boolean;
  readonly cwd: string;
  readonly signal?: AbortSignal;
}

export { ExitError } from './exitError.js';

/** A path as the user would write it: relative to the working directory when it lies below it. */
export function shownPath(io: CliIO, path: string): string {
  return relative(io.cwd, path) || path;
}

/**
 * Prints a result in the chosen format, or writes it to `out`: `json` is the object itself, `table` and
 * `csv` come from the renderers given.
 */
export function emit<T>(
  io: CliIO,
  result: T,
  opts: { readonly format: string; readonly out?: string | undefined },
  render: { readonly table: (r: T) => string; readonly csv: (r: T) => string },
): void {
  const text =
    opts.format === 'json'
      ? `${JSON.stringify(result, null, 1)}\n`
      : opts.format === 'csv'
        ? render.csv(result)
        : render.table(result);
  if (opts.out !== undefined) {
    writeOut('--out', resolve(io.cwd, opts.out), opts.out, text);
    io.stderr(`wrote ${opts.format} to ${opts.out}\n`);
  } else io.stdout(text);
}
