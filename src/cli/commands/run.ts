/** `oxus run <file>`: simulate a scenario (or a model on its defaults) and print or write its projections. */
import { resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_RUNS, DEFAULT_SEED, MAX_RUNS } from '../../limits.js';
import { executeWithData, type Prepared, prepare } from '../../pipeline.js';
import { renderCsv } from '../../present/csv.js';
import { type ProbabilityView, renderTable } from '../../present/table.js';
import { axisLabels, indexOf, parsePeriod } from '../../time/period.js';
import { type CliIO, ExitError, emit } from '../io.js';
import { seedArg, wholeNumber, workersArg } from '../options.js';
import { checkOutPath, writeOut } from '../outPath.js';

interface RunOptions {
  readonly runs?: number;
  readonly seed?: number | string;
  readonly workers?: number;
  readonly format: string;
  readonly out?: string;
  readonly progress: boolean;
  readonly values?: string;
  readonly shard?: [number, number];
  readonly range?: [number, number];
  readonly at?: string[];
  readonly probability: ProbabilityView;
}

/** `--at 2016Q4,2020Q4 --at 2026`: every date given, in the order given. */
const datesArg = (value: string, prev?: string[]) => [
  ...(prev ?? []),
  ...value
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean),
];

/**
 * The points of the table: the `--at` dates, else the scenario's own `snapshots`, else none (six evenly
 * spaced ones). A date off the axis is refused before simulating, with the axis's range and step.
 */
function tablePoints(prepared: Prepared, at: readonly string[] | undefined): number[] | undefined {
  const { axis } = prepared.plan;
  if (at === undefined) return prepared.scenario?.snapshots.length ? [...prepared.plan.snapshots] : undefined;
  const labels = axisLabels(axis);
  return at.map((date) => {
    const month = parsePeriod(date);
    const k = month === undefined ? undefined : indexOf(axis, month);
    if (k === undefined)
      throw new ExitError(
        1,
        `error: --at ${date}: not a date of the time axis (expected a date from ${labels[0]} to ${labels.at(-1)}, one a ${axis.unit})`,
      );
    return k;
  });
}

/** `I/N`: shard I (from 0) of N. */
function shardArg(value: string): [number, number] {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const [i, n] = m ? [Number(m[1]), Number(m[2])] : [Number.NaN, Number.NaN];
  if (!(n >= 1 && i < n))
    throw new InvalidArgumentError(
      `--shard must be I/N with N ≥ 1 and I from 0 to N - 1 (shard 0/4 is the first of four), found '${value}'.`,
    );
  return [i, n];
}

/** `FROM:TO`: runs FROM to TO − 1 (checked against the job's run count when it is known). */
function rangeArg(value: string): [number, number] {
  const m = /^(\d+):(\d+)$/.exec(value);
  const [from, to] = m ? [Number(m[1]), Number(m[2])] : [Number.NaN, Number.NaN];
  if (!(from < to))
    throw new InvalidArgumentError(
      `--range must be FROM:TO with FROM < TO, for runs FROM to TO - 1 (0:250 is the first 250 runs), found '${value}'.`,
    );
  return [from, to];
}

/** File name endings of the per-run values file, and its formats. */
const VALUE_FORMATS: Record<string, 'arrow' | 'csv'> = {
  arrow: 'arrow',
  feather: 'arrow',
  ipc: 'arrow',
  csv: 'csv',
};

function valuesFormat(file: string): 'arrow' | 'csv' {
  const ending = /\.([a-z]+)$/i.exec(file)?.[1]?.toLowerCase() ?? '';
  const format = VALUE_FORMATS[ending];
  if (!format)
    throw new ExitError(
      1,
      `error: --values ${file}: the file name must end in .arrow, .feather or .ipc (Arrow IPC) or .csv, found '${ending ? `.${ending}` : 'no ending'}'`,
    );
  return format;
}

export function runCommand(program: Command, io: CliIO): void {
  program
    .command('run')
    .description('run a scenario (or a model on its defaults) and print its projections')
    .argument('<file>', 'scenario or model YAML file')
    .option(
      '--runs <n>',
      `number of runs (default: the scenario’s, else ${DEFAULT_RUNS.toLocaleString('en-US')})`,
      wholeNumber('--runs', 1, MAX_RUNS),
    )
    .option('--seed <seed>', `random seed (default: the scenario’s, else ${DEFAULT_SEED})`, seedArg)
    .option(
      '--workers <n>',
      'worker threads; 0 runs in this thread (default: all cores for large jobs)',
      workersArg,
    )
    .addOption(
      new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'),
    )
    .option('--out <file>', 'write the output to a file instead of stdout')
    .option('--no-progress', 'do not draw a progress bar')
    .option(
      '--values <file>',
      'also write per-run values at the snapshot dates: Arrow IPC (.arrow, .feather, .ipc) or CSV (.csv)',
    )
    .option(
      '--at <dates>',
      "the table's dates, comma-separated or repeated (default: the scenario's snapshots, else six evenly spaced)",
      datesArg,
    )
    .addOption(
      new Option(
        '--probability <view>',
        "thresholds in the table: 'by' (has happened by the date), 'at' (holds at the date) or both",
      )
        .choices(['by', 'at', 'both'])
        .default('by'),
    )
    .option(
      '--shard <I/N>',
      'run only shard I (from 0) of N of the job and write it to --out as a shard file for oxus merge',
      shardArg,
    )
    .option(
      '--range <FROM:TO>',
      'run only runs FROM to TO - 1 of the job and write them to --out as a shard file for oxus merge',
      rangeArg,
    )
    .action((file: string, opts: RunOptions) => run(io, file, opts));
}

async function run(io: CliIO, file: string, opts: RunOptions): Promise<void> {
  // Every output path is checked before simulating, so a long run never ends in a refused write.
  const valuesAs = opts.values !== undefined ? valuesFormat(opts.values) : undefined;
  const valuesPath =
    opts.values !== undefined ? checkOutPath(io, '--values', opts.values, 'values.arrow') : undefined;
  if (opts.out !== undefined) {
    const example =
      opts.shard || opts.range ? 'shard.arrow' : `result.${opts.format === 'table' ? 'txt' : opts.format}`;
    checkOutPath(io, '--out', opts.out, example);
  }
  const prepared = prepare(resolve(io.cwd, file), {
    ...(opts.runs !== undefined ? { runs: opts.runs } : {}),
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
  });
  if (opts.shard || opts.range) return shard(io, prepared, opts);
  const points = tablePoints(prepared, opts.at);
  const bar =
    io.isTTY && opts.progress
      ? new SingleBar({
          format: 'simulating [{bar}] {percentage}% | {value}/{total} runs | {duration}s',
          hideCursor: true,
          clearOnComplete: true,
        })
      : undefined;
  bar?.start(prepared.runs, 0);
  let done: Awaited<ReturnType<typeof executeWithData>>;
  try {
    done = await executeWithData(prepared, {
      ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
      onProgress: (done) => bar?.update(done),
    });
  } finally {
    bar?.stop();
  }
  const { result, data } = done;
  if (valuesPath !== undefined && opts.values !== undefined) {
    // Loaded only when asked for: Arrow's library adds about 18 MiB to every process that loads it.
    const { perRunTable, renderArrow, renderPerRunCsv } = await import('../../present/perRunValues.js');
    const table = perRunTable(data);
    writeOut(
      '--values',
      valuesPath,
      opts.values,
      valuesAs === 'arrow' ? renderArrow(table, result.receipt) : renderPerRunCsv(table, result.receipt),
    );
    io.stderr(`wrote per-run values (${valuesAs === 'arrow' ? 'Arrow IPC' : 'CSV'}) to ${opts.values}\n`);
  }
  const table = (r: typeof result) =>
    renderTable(r, { ...(points ? { points } : {}), probability: opts.probability });
  emit(io, result, opts, { table, csv: renderCsv });
}

async function shard(io: CliIO, prepared: Prepared, opts: RunOptions) {
  const flag = opts.shard ? '--shard' : '--range';
  if (opts.shard && opts.range)
    throw new ExitError(1, '--shard and --range both name the runs: give one of them');
  if (opts.out === undefined) throw new ExitError(1, `${flag} writes a shard file: give its name with --out`);
  if (opts.values !== undefined || opts.format !== 'table')
    throw new ExitError(1, `${flag} writes only the shard file: run oxus merge for --format and --values`);
  const { runRange, runShard } = await import('../../shards/runShard.js');
  const options = {
    ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
  };
  const { bytes, header } = opts.shard
    ? await runShard(prepared, opts.shard[0], opts.shard[1], options)
    : await runRange(prepared, opts.range![0], opts.range![1], options);
  writeOut('--out', resolve(io.cwd, opts.out), opts.out, bytes);
  const { describeShard } = await import('../../shards/shardFile.js');
  io.stderr(`wrote ${describeShard(header.shard)} of ${prepared.runs} to ${opts.out}\n`);
}
