/** `oxus discover <file>`: which ranges of the uncertain parameters the runs meeting a condition share. */
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { PRIM_DEFAULTS } from '../../analysis/discovery/prim.js';
import { executeDiscovery } from '../../discovery.js';
import { prepare } from '../../pipeline.js';
import { discoveryJson, renderDiscoveryCsv, renderDiscoveryTable } from '../../present/discoveryTable.js';
import { type CliIO, emit } from '../io.js';
import { positiveInt, seedArg } from '../options.js';

interface DiscoverOptions {
  readonly output: string;
  readonly member?: string;
  readonly at: string;
  readonly when?: string;
  readonly alpha: number;
  readonly minSupport: number;
  readonly density: number;
  readonly paste: boolean;
  readonly significance: number;
  readonly runs?: number;
  readonly seed?: number | string;
  readonly format: string;
  readonly out?: string;
}

/** A share above 0 and below 1 (or up to 1 with `upToOne`): `--alpha 0.05`. */
const share =
  (what: string, upToOne = false) =>
  (value: string) => {
    const x = Number(value);
    if (!/^\d*\.?\d+$/.test(value) || !(x > 0 && (upToOne ? x <= 1 : x < 1))) {
      throw new InvalidArgumentError(
        `${what} must be a number above 0 and ${upToOne ? 'at most' : 'below'} 1, such as 0.05, found ${value}.`,
      );
    }
    return x;
  };

export function discoverCommand(program: Command, io: CliIO): void {
  program
    .command('discover')
    .description('find the ranges of the uncertain parameters that the runs meeting a condition share (PRIM)')
    .argument('<file>', 'scenario or model YAML file')
    .requiredOption('--output <name>', 'the output, threshold or event')
    .option('--member <member>', 'the member, for an output per member')
    .requiredOption('--at <date>', 'the date the condition is read at')
    .option('--when <condition>', 'the condition, such as ">= 1500" (a threshold or event: has happened)')
    .option('--alpha <share>', 'share of the box one peel removes', share('--alpha'), PRIM_DEFAULTS.alpha)
    .option(
      '--min-support <share>',
      'smallest share of the runs a box may hold',
      share('--min-support'),
      PRIM_DEFAULTS.minSupport,
    )
    .option(
      '--density <share>',
      'the chosen box is the widest whose share of runs meeting the condition reaches this',
      share('--density', true),
      PRIM_DEFAULTS.minDensity,
    )
    .option('--no-paste', 'do not paste the chosen box')
    .option(
      '--significance <p>',
      'drop a restriction of the box whose quasi-p-value is above this',
      share('--significance', true),
      PRIM_DEFAULTS.significance,
    )
    .option('--runs <n>', "runs to read (default: the scenario's)", positiveInt('--runs', 1_000_000))
    .option('--seed <seed>', "random seed (default: the scenario's)", seedArg)
    .addOption(
      new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'),
    )
    .option('--out <file>', 'write the output to a file instead of stdout')
    .action(async (file: string, opts: DiscoverOptions) => {
      const prepared = prepare(resolve(io.cwd, file), {
        ...(opts.runs !== undefined ? { runs: opts.runs } : {}),
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      });
      const result = await executeDiscovery(
        prepared,
        {
          output: opts.output,
          ...(opts.member !== undefined ? { member: opts.member } : {}),
          at: opts.at,
          ...(opts.when !== undefined ? { when: opts.when } : {}),
          alpha: opts.alpha,
          minSupport: opts.minSupport,
          minDensity: opts.density,
          paste: opts.paste,
          significance: opts.significance,
        },
        io.signal ? { signal: io.signal } : {},
      );
      emit(io, discoveryJson(result), opts, { table: renderDiscoveryTable, csv: renderDiscoveryCsv });
    });
}
