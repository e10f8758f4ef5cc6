/** `oxus assumptions <scenario>`: the key assumptions check of one output at one date. */
import type { Command } from 'commander';
import { executeAssumptions } from '../../assumptions.js';
import { renderAssumptionsTable } from '../../present/assumptionsTable.js';
import type { CliIO } from '../io.js';
import { outputAtDateCommand } from './outputAtDate.js';

export function assumptionsCommand(program: Command, io: CliIO): void {
  outputAtDateCommand(program, io, {
    name: 'assumptions',
    description:
      'key assumptions check: every parameter with its sources, evidence grade and sensitivity rank; the answer on graded evidence only',
    outputHelp: 'the output, threshold or event the question is about',
    atHelp: 'the date the question is about',
    execute: executeAssumptions,
    table: renderAssumptionsTable,
  });
}
