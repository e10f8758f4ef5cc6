/**
 * The shape the teaching commands share: `oxus NAME <file> --output O [--member M] --at D [--runs N]
 * [--seed S] [--format table|json] [--out FILE]`, one question about one output at one date.
 */
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import type { SimulateOptions } from '../../engine/simulate.js';
import { type Prepared, prepare } from '../../pipeline.js';
import { type CliIO, ExitError, emit } from '../io.js';
import { positiveInt, seedArg } from '../options.js';

export interface OutputAtDate {
  readonly output: string;
  readonly member?: string;
  readonly at: string;
}

interface Options extends OutputAtDate {
  readonly runs?: number;
  readonly seed?: number | string;
  readonly format: string;
  readonly out?: string;
}

export interface OutputAtDateCommand<T, R extends OutputAtDate = OutputAtDate> {
  readonly name: string;
  readonly description: string;
  readonly outputHelp: string;
  readonly atHelp: string;
  /** Options of its own, added after --at; `request` reads them into the request. */
  readonly configure?: (command: Command) => Command;
  readonly request?: (opts: Record<string, unknown>, base: OutputAtDate) => R;
  readonly execute: (p: Prepared, request: R, options: Pick<SimulateOptions, 'signal'>) => Promise<T>;
  readonly table: (result: T) => string;
}

/** Adds one such command to the program. */
export function outputAtDateCommand<T, R extends OutputAtDate = OutputAtDate>(
  program: Command,
  io: CliIO,
  spec: OutputAtDateCommand<T, R>,
): void {
  const command = program
    .command(spec.name)
    .description(spec.description)
    .argument('<file>', 'scenario or model YAML file')
    .requiredOption('--output <name>', spec.outputHelp)
    .option('--member <member>', 'the member, for an output per member')
    .requiredOption('--at <date>', spec.atHelp);
  (spec.configure ? spec.configure(command) : command)
    .option('--runs <n>', "runs (default: the scenario's)", positiveInt('--runs', 10_000_000))
    .option('--seed <seed>', "random seed (default: the scenario's)", seedArg)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--out <file>', 'write the output to a file instead of stdout')
    .action(async (file: string, opts: Options) => {
      const prepared = prepare(resolve(io.cwd, file), {
        ...(opts.runs !== undefined ? { runs: opts.runs } : {}),
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      });
      const base = {
        output: opts.output,
        ...(opts.member !== undefined ? { member: opts.member } : {}),
        at: opts.at,
      };
      const request = spec.request
        ? spec.request(opts as unknown as Record<string, unknown>, base)
        : (base as R);
      const result = await spec.execute(prepared, request, io.signal ? { signal: io.signal } : {});
      emit(io, result, opts, {
        table: spec.table,
        csv: () => {
          throw new ExitError(1, `${spec.name} has no CSV format`);
        },
      });
    });
}
