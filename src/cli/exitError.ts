/** A failure the CLI reports as one line and an exit code (its own file so output helpers can throw it). */
/** Exit code and message of a failure the user can act on. */
export class ExitError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}
