/**
 * The `oxus` command line, built by `makeProgram(io)` so tests can run it in-process with their own
 * stdout, stderr and working directory. `runCli` returns the exit code instead of exiting. Each command
 * lives in its own file under commands/ and is registered here with one line.
 */
import { Command, CommanderError } from 'commander';
import { errorKind, formatProblem, WorkerCrashedError } from '../errors.js';
import { VERSION } from '../version.js';
import { achCommand } from './commands/ach.js';
import { assumptionsCommand } from './commands/assumptions.js';
import { compareCommand } from './commands/compare.js';
import { conditionCommand } from './commands/condition.js';
import { discoverCommand } from './commands/discover.js';
import { futuresCommand } from './commands/futures.js';
import { listCommand } from './commands/list.js';
import { mergeCommand } from './commands/merge.js';
import { runCommand } from './commands/run.js';
import { scoreCommand } from './commands/score.js';
import { sensitivityCommand } from './commands/sensitivity.js';
import { serveCommand } from './commands/serve.js';
import { signpostsCommand } from './commands/signposts.js';
import { traceCommand } from './commands/trace.js';
import { validateCommand } from './commands/validate.js';
import { type CliIO, ExitError, shownPath } from './io.js';

export type { CliIO } from './io.js';

/** The commands, in the order `oxus --help` lists them: each adds itself to the program. */
const COMMANDS: readonly ((program: Command, io: CliIO) => void)[] = [
  runCommand,
  validateCommand,
  listCommand,
  serveCommand,
  compareCommand,
  scoreCommand,
  mergeCommand,
  sensitivityCommand,
  discoverCommand,
  traceCommand,
  assumptionsCommand,
  conditionCommand,
  futuresCommand,
  signpostsCommand,
  achCommand,
];

export function makeProgram(io: CliIO): Command {
  const program = new Command('oxus');
  program
    .description(
      'Scenario and threat-assessment simulator: seeded Monte Carlo projections of rule-based models.',
    )
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();
  for (const add of COMMANDS) add(program, io);
  return program;
}

/** Runs the CLI on `argv` (without node and script); returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const program = makeProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof ExitError) {
      io.stderr(`${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof WorkerCrashedError) {
      // A thread died, not the user's mistake nor a bug in what they ran: one line and what to do.
      io.stderr(`error: ${err.message} [${err.code}]\n`);
      return 1;
    }
    const failure = errorKind(err);
    switch (failure.kind) {
      case 'problems':
        for (const p of failure.problems)
          io.stderr(`${formatProblem({ ...p, file: shownPath(io, p.file) })}\n`);
        return 1;
      case 'cancelled':
        io.stderr(`error: ${(err as Error).message}\n`);
        return 130;
      case 'limit':
      case 'request':
      case 'engine':
        io.stderr(`error: ${failure.message} [${failure.code}]\n`);
        return 1;
    }
    // A bug, not a user's mistake: the stack trace is what a bug report needs.
    throw err;
  }
}
