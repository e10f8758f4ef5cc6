/**
 * `oxus signposts <scenario> --output O --at D [--when "OP N"] --by DATE`: the observables, seen or not by
 * DATE, that move the probability of the future "O at D meets the condition" the most.
 */
import type { Command } from 'commander';
import { renderSignpostsTable, signpostsJson } from '../../present/signpostsTable.js';
import { DEFAULT_TOP, executeSignposts, MAX_TOP } from '../../signposts.js';
import type { CliIO } from '../io.js';
import { positiveInt } from '../options.js';
import { outputAtDateCommand } from './outputAtDate.js';

export function signpostsCommand(program: Command, io: CliIO): void {
  outputAtDateCommand(program, io, {
    name: 'signposts',
    description:
      'indicators and signposts: what, seen by an earlier date, most moves the chance of a future of interest',
    outputHelp: 'the output, threshold or event the future is about',
    atHelp: 'the date of the future',
    configure: (c) =>
      c
        .option('--when <condition>', 'the future, such as ">= 300" (a threshold or event: has happened)')
        .requiredOption('--by <date>', 'the date by which the signposts are seen (before --at)')
        .option(
          '--top <n>',
          `how many signposts to list, best first (default ${DEFAULT_TOP})`,
          positiveInt('--top', MAX_TOP),
        ),
    request: (opts, base) => ({
      ...base,
      by: opts.by as string,
      ...(typeof opts.when === 'string' ? { when: opts.when } : {}),
      ...(typeof opts.top === 'number' ? { top: opts.top } : {}),
    }),
    execute: async (p, request, options) => signpostsJson(await executeSignposts(p, request, options)),
    table: renderSignpostsTable,
  });
}
