/** `oxus compare <a> <b>`: B against A run by run, on common random numbers. */
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { executeCompare } from '../../comparison.js';
import { prepare } from '../../pipeline.js';
import { renderCompareCsv, renderCompareTable } from '../../present/compareTable.js';
import { type CliIO, emit } from '../io.js';
import { positiveInt, seedArg } from '../options.js';

interface CompareOptions {
  readonly output?: string;
  readonly member?: string;
  readonly at?: string[];
  readonly runs?: number;
  readonly seed?: number | string;
  readonly format: string;
  readonly out?: string;
}

export function compareCommand(program: Command, io: CliIO): void {
  program
    .command('compare')
    .description('compare scenario B with scenario A run by run (paired on common random numbers)')
    .argument('<a>', 'scenario or model A (the reference)')
    .argument('<b>', 'scenario or model B')
    .option('--output <name>', 'one output, threshold or event (default: all)')
    .option('--member <member>', 'one member of the output (default: all)')
    .option(
      '--at <date>',
      "a date to compare at, repeatable (default: A's snapshot dates)",
      (v: string, prev?: string[]) => [...(prev ?? []), v],
    )
    .option('--runs <n>', "runs of each side (default: A's)", positiveInt('--runs', 10_000_000))
    .option('--seed <seed>', "seed of both sides (default: A's)", seedArg)
    .addOption(
      new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'),
    )
    .option('--out <file>', 'write the output to a file instead of stdout')
    .action((a: string, b: string, opts: CompareOptions) => compare(io, a, b, opts));
}

async function compare(io: CliIO, a: string, b: string, opts: CompareOptions): Promise<void> {
  const pa = prepare(resolve(io.cwd, a), {
    ...(opts.runs !== undefined ? { runs: opts.runs } : {}),
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
  });
  const pb = prepare(resolve(io.cwd, b));
  const result = await executeCompare(
    pa,
    pb,
    {
      ...(opts.output !== undefined ? { output: opts.output } : {}),
      ...(opts.member !== undefined ? { member: opts.member } : {}),
      ...(opts.at !== undefined ? { at: opts.at } : {}),
    },
    io.signal ? { signal: io.signal } : {},
  );
  emit(io, result, opts, { table: renderCompareTable, csv: renderCompareCsv });
}
