/** `oxus list [dirs…]`: the models and scenarios of some folders, with their titles and questions. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { isScenarioText } from '../../model/load.js';
import { type CliIO, shownPath } from '../io.js';

function yamlFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

export function listCommand(program: Command, io: CliIO): void {
  program
    .command('list')
    .description('list the models and scenarios in models/ and scenarios/ (or the given folders)')
    .argument('[dirs...]', 'folders to list', ['models', 'scenarios'])
    .action((dirs: string[]) => {
      for (const dir of dirs) {
        const files = yamlFiles(resolve(io.cwd, dir));
        io.stdout(`${dir}/\n`);
        if (files.length === 0) io.stdout('  (none)\n');
        for (const f of files) {
          const text = readFileSync(f, 'utf8');
          const pick = (key: string) =>
            new RegExp(`^${key}:\\s*(.+)$`, 'm')
              .exec(text)?.[1]
              ?.replace(/^["']|["']$/g, '')
              .trim();
          const what = isScenarioText(text) ? (pick('question') ?? pick('title')) : pick('title');
          io.stdout(`  ${shownPath(io, f).padEnd(44)} ${what ?? ''}\n`);
        }
      }
    });
}
