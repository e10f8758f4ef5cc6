/** `oxus assumptions <scenario>`: the key assumptions check of one output at one date. */
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { executeAssumptions } from '../../assumptions.js';
import { prepare } from '../../pipeline.js';
import { renderAssumptionsTable } from '../../present/assumptionsTable.js';
import { type CliIO, ExitError, emit } from '../io.js';
import { positiveInt, seedArg } from '../options.js';

interface AssumptionsOptions {
  readonly output: string;
  readonly member?: string;
  readonly at: string;
  readonly runs?: number;
  readonly seed?: number | string;
  readonly format: string;
  readonly out?: string;
}

export function assumptionsCommand(program: Command, io: CliIO): void {
  program
    .command('assumptions')
    .description(
      'key assumptions check: every parameter with its sources, evidence grade and sensitivity rank; the answer on graded evidence only',
    )
    .argument('<file>', 'scenario or model YAML file')
    .requiredOption('--output <name>', 'the output, threshold or event the question is about')
    .option('--member <member>', 'the member, for an output per member')
    .requiredOption('--at <date>', 'the date the question is about')
    .option('--runs <n>', "runs (default: the scenario's)", positiveInt('--runs', 10_000_000))
    .option('--seed <seed>', "random seed (default: the scenario's)", seedArg)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--out <file>', 'write the output to a file instead of stdout')
    .action(async (file: string, opts: AssumptionsOptions) => {
      const prepared = prepare(resolve(io.cwd, file), {
        ...(opts.runs !== undefined ? { runs: opts.runs } : {}),
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      });
      const result = await executeAssumptions(
        prepared,
        { output: opts.output, ...(opts.member !== undefined ? { member: opts.member } : {}), at: opts.at },
        io.signal ? { signal: io.signal } : {},
      );
      emit(io, result, opts, {
        table: renderAssumptionsTable,
        csv: () => {
          throw new ExitError(1, 'assumptions has no CSV format');
        },
      });
    });
}
