/** `oxus sensitivity <file>`: which uncertain parameters drive one output at one date (and at every date). */
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import type { GroupBy, Measure } from '../../analysis/sensitivity/factors.js';
import { prepare } from '../../pipeline.js';
import { renderSensitivityCsv, renderSensitivityTable } from '../../present/sensitivityTable.js';
import { DEFAULT_SAMPLES, executeSensitivity, type SensitivityMethod } from '../../sensitivity.js';
import { type CliIO, emit } from '../io.js';
import { positiveInt, seedArg } from '../options.js';

interface SensitivityOptions {
  readonly output: string;
  readonly member?: string;
  readonly at: string;
  readonly method: SensitivityMethod;
  readonly samples?: number;
  readonly groupBy: GroupBy;
  readonly measure: Measure;
  readonly runs?: number;
  readonly seed?: number | string;
  readonly format: string;
  readonly out?: string;
}

export function sensitivityCommand(program: Command, io: CliIO): void {
  program
    .command('sensitivity')
    .description('rank the uncertain parameters by their effect on one output at one date')
    .argument('<file>', 'scenario or model YAML file')
    .requiredOption('--output <name>', 'the output, threshold or event')
    .option('--member <member>', 'the member, for an output per member')
    .requiredOption('--at <date>', 'the date (the indices at every date come with JSON and CSV)')
    .addOption(
      new Option('--method <method>', 'method')
        .choices(['rank', 'tornado', 'sobol', 'morris'])
        .default('rank'),
    )
    .option(
      '--samples <n>',
      `Sobol base rows N (${DEFAULT_SAMPLES.sobol}), Morris trajectories (${DEFAULT_SAMPLES.morris}), tornado runs per setting (${DEFAULT_SAMPLES.tornado})`,
      positiveInt('--samples', 100_000),
    )
    .addOption(
      new Option(
        '--group-by <grouping>',
        "vary each parameter table (parameter) or driver family (family: a parameter's declared family, else its name's first word) as one factor",
      )
        .choices(['none', 'parameter', 'family'])
        .default('none'),
    )
    .addOption(
      new Option(
        '--measure <measure>',
        'of a threshold or event: whether it has happened by the date (value), or the time until it first does (time)',
      )
        .choices(['value', 'time'])
        .default('value'),
    )
    .option(
      '--runs <n>',
      "rank: the scenario's runs to read (default: the scenario's)",
      positiveInt('--runs', 10_000_000),
    )
    .option('--seed <seed>', "random seed (default: the scenario's)", seedArg)
    .addOption(
      new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'),
    )
    .option('--out <file>', 'write the output to a file instead of stdout')
    .action(async (file: string, opts: SensitivityOptions) => {
      const prepared = prepare(resolve(io.cwd, file), {
        ...(opts.runs !== undefined ? { runs: opts.runs } : {}),
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      });
      const result = await executeSensitivity(
        prepared,
        {
          method: opts.method,
          output: opts.output,
          ...(opts.member !== undefined ? { member: opts.member } : {}),
          at: opts.at,
          ...(opts.samples !== undefined ? { samples: opts.samples } : {}),
          groupBy: opts.groupBy,
          measure: opts.measure,
        },
        io.signal ? { signal: io.signal } : {},
      );
      emit(io, result, opts, { table: renderSensitivityTable, csv: renderSensitivityCsv });
    });
}
