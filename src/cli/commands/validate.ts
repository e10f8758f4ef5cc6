/** `oxus validate <files…>`: every problem of every file, with file, line and field. */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { formatProblem } from '../../errors.js';
import { checkFileRounds } from '../../pipeline.js';
import { counted } from '../../present/format.js';
import { type CliIO, ExitError, shownPath } from '../io.js';

export function validateCommand(program: Command, io: CliIO): void {
  program
    .command('validate')
    .description('check model and scenario files; list every problem with file, line and field')
    .argument('<files...>', 'model or scenario YAML files')
    .action((files: string[]) => {
      let bad = 0;
      for (const f of files) {
        const { problems, meaningChecked } = checkFileRounds(resolve(io.cwd, f));
        if (problems.length === 0) io.stdout(`ok  ${f}\n`);
        else {
          bad++;
          for (const p of problems) io.stderr(`${formatProblem({ ...p, file: shownPath(io, p.file) })}\n`);
          // Problems come in two rounds: say so when the second has not run yet, or fixes look like
          // regressions (not for a file that cannot be read at all: there is nothing to check yet).
          if (!meaningChecked && problems.some((p) => p.code !== 'E_FILE'))
            io.stderr(
              `note: ${f}: names, ranges, units and expressions are checked once the problems above are fixed: validate again\n`,
            );
        }
      }
      if (bad) throw new ExitError(1, `${bad} of ${counted(files.length, 'file')} invalid`);
    });
}
