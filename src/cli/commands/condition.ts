/** `oxus condition <scenario>`: one output at one date, over the runs consistent with what was seen. */
import type { Command } from 'commander';
import { executeCondition } from '../../conditioning.js';
import { renderConditionTable } from '../../present/conditionTable.js';
import type { CliIO } from '../io.js';
import { outputAtDateCommand } from './outputAtDate.js';

export function conditionCommand(program: Command, io: CliIO): void {
  outputAtDateCommand(program, io, {
    name: 'condition',
    description:
      "results over the runs consistent with the scenario's observations (rejection, or weights for soft ones)",
    outputHelp: 'the output, threshold or event to show',
    atHelp: 'the date to show it at',
    execute: executeCondition,
    table: renderConditionTable,
  });
}
