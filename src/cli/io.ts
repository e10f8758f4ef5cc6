/** What a command needs from the process, passed in so that tests run the CLI in-process. */
import { relative } from 'node:path';

export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal (a progress bar is drawn only then). */
  readonly isTTY: boolean;
  readonly cwd: string;
  readonly signal?: AbortSignal;
}

/** Exit code and message of a failure the user can act on. */
export class ExitError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** A path as the user would write it: relative to the working directory when it lies below it. */
export function shownPath(io: CliIO, path: string): string {
  return relative(io.cwd, path) || path;
}
