/**
 * The `oxus` command line, built by `makeProgram(io)` so tests can run it in-process with their own
 * stdout, stderr and working directory. `runCli` returns the exit code instead of exiting.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { EngineError } from '../engine/runBlock.js';
import { CancelledError } from '../engine/simulate.js';
import { isScenarioText } from '../model/load.js';
import { formatProblem, OxusError, type Problem } from '../model/problems.js';
import { execute, prepare } from '../pipeline.js';
import { renderCsv } from '../present/csv.js';
import { renderTable } from '../present/table.js';
import { VERSION } from '../version.js';

export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal (a progress bar is drawn only then). */
  readonly isTTY: boolean;
  readonly cwd: string;
  readonly signal?: AbortSignal;
}

/** Exit code and message of a failure the user can act on. */
class ExitError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

const positiveInt = (what: string, max: number) => (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1 || n > max) {
    throw new InvalidArgumentError(
      `${what} must be a whole number from 1 to ${max.toLocaleString('en-US')}.`,
    );
  }
  return n;
};
const seedArg = (value: string): number | string =>
  /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : value;

/** Problems of one file, whichever kind it is; an empty list when it is valid. */
export function checkFile(path: string): Problem[] {
  try {
    prepare(path);
    return [];
  } catch (err) {
    if (err instanceof OxusError) return [...err.problems];
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      return [{ code: 'E_FILE', file: path, line: 1, column: 1, path: '', message: 'file not found' }];
    }
    throw err;
  }
}

function yamlFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

export function makeProgram(io: CliIO): Command {
  const program = new Command('oxus');
  const rel = (p: string) => relative(io.cwd, p) || p;
  program
    .description(
      'Scenario and threat-assessment simulator: seeded Monte Carlo projections of rule-based models.',
    )
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();

  program
    .command('run')
    .description('run a scenario (or a model on its defaults) and print its projections')
    .argument('<file>', 'scenario or model YAML file')
    .option(
      '--runs <n>',
      'number of runs (default: the scenario’s, else 1,000)',
      positiveInt('--runs', 10_000_000),
    )
    .option('--seed <seed>', 'random seed (default: the scenario’s, else 1)', seedArg)
    .option(
      '--workers <n>',
      'worker threads; 0 runs in this thread (default: all cores for large jobs)',
      (v) => (v === '0' ? 0 : positiveInt('--workers', 256)(v)),
    )
    .addOption(
      new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'),
    )
    .option('--out <file>', 'write the output to a file instead of stdout')
    .option('--no-progress', 'do not draw a progress bar')
    .action(
      async (
        file: string,
        opts: {
          runs?: number;
          seed?: number | string;
          workers?: number;
          format: string;
          out?: string;
          progress: boolean;
        },
      ) => {
        const prepared = prepare(resolve(io.cwd, file), {
          ...(opts.runs !== undefined ? { runs: opts.runs } : {}),
          ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
        });
        const bar =
          io.isTTY && opts.progress
            ? new SingleBar({
                format: 'simulating [{bar}] {percentage}% | {value}/{total} runs | {duration}s',
                hideCursor: true,
                clearOnComplete: true,
              })
            : undefined;
        bar?.start(prepared.runs, 0);
        let result: Awaited<ReturnType<typeof execute>>;
        try {
          result = await execute(prepared, {
            ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
            ...(io.signal ? { signal: io.signal } : {}),
            onProgress: (done) => bar?.update(done),
          });
        } finally {
          bar?.stop();
        }
        const text =
          opts.format === 'json'
            ? `${JSON.stringify(result, null, 1)}\n`
            : opts.format === 'csv'
              ? renderCsv(result)
              : renderTable(result);
        if (opts.out !== undefined) {
          writeFileSync(resolve(io.cwd, opts.out), text);
          io.stderr(`wrote ${opts.format} to ${opts.out}\n`);
        } else io.stdout(text);
      },
    );

  program
    .command('validate')
    .description('check model and scenario files; list every problem with file, line and field')
    .argument('<files...>', 'model or scenario YAML files')
    .action((files: string[]) => {
      let bad = 0;
      for (const f of files) {
        const problems = checkFile(resolve(io.cwd, f));
        if (problems.length === 0) io.stdout(`ok  ${f}\n`);
        else {
          bad++;
          for (const p of problems) io.stderr(`${formatProblem({ ...p, file: rel(p.file) })}\n`);
        }
      }
      if (bad)
        throw new ExitError(1, `${bad} of ${files.length} file${files.length === 1 ? '' : 's'} invalid`);
    });

  program
    .command('list')
    .description('list the models and scenarios in models/ and scenarios/ (or the given folders)')
    .argument('[dirs...]', 'folders to list', ['models', 'scenarios'])
    .action((dirs: string[]) => {
      for (const dir of dirs) {
        const files = yamlFiles(resolve(io.cwd, dir));
        io.stdout(`${dir}/\n`);
        if (files.length === 0) io.stdout('  (none)\n');
        for (const f of files) {
          const text = readFileSync(f, 'utf8');
          const pick = (key: string) =>
            new RegExp(`^${key}:\\s*(.+)$`, 'm')
              .exec(text)?.[1]
              ?.replace(/^["']|["']$/g, '')
              .trim();
          const what = isScenarioText(text) ? (pick('question') ?? pick('title')) : pick('title');
          io.stdout(`  ${rel(f).padEnd(44)} ${what ?? ''}\n`);
        }
      }
    });
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
    if (err instanceof OxusError) {
      for (const p of err.problems)
        io.stderr(`${formatProblem({ ...p, file: relative(io.cwd, p.file) || p.file })}\n`);
      return 1;
    }
    if (err instanceof EngineError || err instanceof CancelledError || err instanceof RangeError) {
      io.stderr(`error: ${err.message}\n`);
      return err instanceof CancelledError ? 130 : 1;
    }
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      io.stderr(`error: ${(err as Error).message}\n`);
      return 1;
    }
    throw err;
  }
}
