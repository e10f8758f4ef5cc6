/**
 * `oxus ach <scenario> --hypothesis NAME=OUTPUT[:MEMBER]@DATE[ CONDITION] …`: analysis of competing
 * hypotheses, the scenario's `observations` as the evidence, the cells computed from the runs.
 */
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { executeAch, type HypothesisRequest } from '../../ach.js';
import { prepare } from '../../pipeline.js';
import { renderAchTable } from '../../present/achTable.js';
import { type CliIO, ExitError, emit } from '../io.js';
import { positiveInt, seedArg } from '../options.js';

const HYPOTHESIS = /^\s*([A-Za-z][\w ]*?)\s*=\s*([A-Za-z]\w*)(?::([A-Za-z]\w*))?@(\w+)\s*(.*)$/;

/** Reads `pledged=pledge_isis:IMU@2016Q4` or `strong=strength:IMU@2020Q4 >= 500`, adding it to the list. */
export function parseHypothesis(value: string, previous: HypothesisRequest[] = []): HypothesisRequest[] {
  const m = HYPOTHESIS.exec(value);
  if (!m)
    throw new InvalidArgumentError(
      `a hypothesis is NAME=OUTPUT[:MEMBER]@DATE, then a condition for a series, such as 'strong=strength:IMU@2020Q4 >= 500' or 'pledged=pledge_isis:IMU@2016Q4'; found '${value}'.`,
    );
  const [, name, output, member, at, when] = m;
  return [
    ...previous,
    {
      name: name!,
      output: output!,
      ...(member !== undefined ? { member } : {}),
      at: at!,
      ...(when!.trim() !== '' ? { when: when!.trim() } : {}),
    },
  ];
}

/** Reads `--seen 1,3`. */
function parseSeen(value: string): number[] {
  if (!/^\d+(,\d+)*$/.test(value))
    throw new InvalidArgumentError(`--seen takes evidence numbers from 1, such as 1,3; found '${value}'.`);
  return value.split(',').map(Number);
}

interface AchOptions {
  readonly hypothesis: HypothesisRequest[];
  readonly seen?: number[];
  readonly runs?: number;
  readonly seed?: number | string;
  readonly format: string;
  readonly out?: string;
}

export function achCommand(program: Command, io: CliIO): void {
  program
    .command('ach')
    .description(
      "analysis of competing hypotheses: P(evidence | hypothesis) from the runs, the scenario's observations as evidence",
    )
    .argument('<file>', 'scenario YAML file (its `observations` are the evidence)')
    .requiredOption(
      '--hypothesis <spec>',
      'a hypothesis, NAME=OUTPUT[:MEMBER]@DATE[ CONDITION] (repeat for each, 2 to 8; a run counts in the first it meets)',
      parseHypothesis,
    )
    .option('--seen <numbers>', 'the evidence marked as seen, by number (default: all)', parseSeen)
    .option('--runs <n>', "runs (default: the scenario's)", positiveInt('--runs', 10_000_000))
    .option('--seed <seed>', "random seed (default: the scenario's)", seedArg)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--out <file>', 'write the output to a file instead of stdout')
    .action(async (file: string, opts: AchOptions) => {
      const prepared = prepare(resolve(io.cwd, file), {
        ...(opts.runs !== undefined ? { runs: opts.runs } : {}),
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      });
      const request = {
        hypotheses: opts.hypothesis,
        ...(opts.seen !== undefined ? { seen: opts.seen } : {}),
      };
      const result = await executeAch(prepared, request, io.signal ? { signal: io.signal } : {});
      emit(io, result, opts, {
        table: renderAchTable,
        csv: () => {
          throw new ExitError(1, 'ach has no CSV format');
        },
      });
    });
}
