/** `oxus run <file>`: simulate a scenario (or a model on its defaults) and print or write its projections. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { type Command, Option } from 'commander';
import { DEFAULT_RUNS, DEFAULT_SEED, MAX_RUNS } from '../../limits.js';
import { execute, prepare } from '../../pipeline.js';
import { renderCsv } from '../../present/csv.js';
import { renderTable } from '../../present/table.js';
import type { CliIO } from '../io.js';
import { positiveInt, seedArg } from '../options.js';

interface RunOptions {
  readonly runs?: number;
  readonly seed?: number | string;
  readonly workers?: number;
  readonly format: string;
  readonly out?: string;
  readonly progress: boolean;
}

export function runCommand(program: Command, io: CliIO): void {
  program
    .command('run')
    .description('run a scenario (or a model on its defaults) and print its projections')
    .argument('<file>', 'scenario or model YAML file')
    .option(
      '--runs <n>',
      `number of runs (default: the scenario’s, else ${DEFAULT_RUNS.toLocaleString('en-US')})`,
      positiveInt('--runs', MAX_RUNS),
    )
    .option('--seed <seed>', `random seed (default: the scenario’s, else ${DEFAULT_SEED})`, seedArg)
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
    .action((file: string, opts: RunOptions) => run(io, file, opts));
}

async function run(io: CliIO, file: string, opts: RunOptions): Promise<void> {
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
}
