/** `oxus trace <file> --run I`: what happened in one run, and which rule or event moved what. */
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { prepare } from '../../pipeline.js';
import { renderTraceCsv, renderTraceText } from '../../present/traceTable.js';
import { parseSeed } from '../../random/parseSeed.js';
import { executeTrace } from '../../runTrace.js';
import { type CliIO, emit } from '../io.js';

interface TraceOptions {
  readonly run: number;
  readonly seed?: number | string;
  readonly format: string;
  readonly out?: string;
}

export function traceCommand(program: Command, io: CliIO): void {
  program
    .command('trace')
    .description('explain one run: the events that fired, and each rule’s and event’s part in every change')
    .argument('<file>', 'scenario or model YAML file')
    .option(
      '--run <i>',
      'the run index (from 0), as in `oxus run`',
      (v) => {
        if (!/^\d+$/.test(v)) throw new Error('--run must be a whole number from 0.');
        return Number(v);
      },
      0,
    )
    .option('--seed <seed>', "random seed (default: the scenario's)", parseSeed)
    .addOption(
      new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'),
    )
    .option('--out <file>', 'write the output to a file instead of stdout')
    .action((file: string, opts: TraceOptions) => {
      const prepared = prepare(resolve(io.cwd, file), opts.seed !== undefined ? { seed: opts.seed } : {});
      emit(io, executeTrace(prepared, opts.run), opts, { table: renderTraceText, csv: renderTraceCsv });
    });
}
