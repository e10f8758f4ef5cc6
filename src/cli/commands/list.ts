/** `oxus list [dirs…]`: the models and scenarios of some folders, each with its title and question. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { parse } from 'yaml';
import { isScenarioText } from '../../model/load.js';
import { counted } from '../../present/format.js';
import { folderProblem } from '../folders.js';
import { type CliIO, ExitError, shownPath } from '../io.js';

/** What `list` shows of one file: its title, and a scenario's question. */
interface Header {
  readonly kind: 'model' | 'scenario';
  readonly title?: string;
  readonly question?: string;
  readonly broken?: true;
}

function header(text: string): Header {
  const kind = isScenarioText(text) ? 'scenario' : 'model';
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 100 });
  } catch {
    return { kind, broken: true };
  }
  const field = (key: string) => {
    const v = data !== null && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;
    return typeof v === 'string' && v.trim() ? { [key]: v.trim().replace(/\s+/g, ' ') } : {};
  };
  return { kind, ...field('title'), ...field('question') };
}

export function listCommand(program: Command, io: CliIO): void {
  program
    .command('list')
    .description('list the models and scenarios in models/ and scenarios/ (or the given folders)')
    .argument('[dirs...]', 'folders to list', ['models', 'scenarios'])
    .action((dirs: string[]) => {
      const refused: string[] = [];
      for (const dir of dirs) {
        const abs = resolve(io.cwd, dir);
        const problem = folderProblem(abs, 'list');
        if (problem) {
          refused.push(dir);
          io.stderr(`error: ${dir}: ${problem}\n`);
          continue;
        }
        listFolder(io, dir, abs);
      }
      if (refused.length) throw new ExitError(1, `${counted(refused.length, 'folder')} not listed`);
    });
}

function listFolder(io: CliIO, dir: string, abs: string): void {
  const files = readdirSync(abs)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(abs, f));
  io.stdout(`${dir.replace(/\/?$/, '/')}\n`);
  if (files.length === 0) io.stdout('  (no .yaml files)\n');
  const width = Math.max(0, ...files.map((f) => shownPath(io, f).length)) + 2;
  for (const f of files) {
    const shown = shownPath(io, f);
    const h = header(readFileSync(f, 'utf8'));
    const title = h.broken ? `(not valid YAML: oxus validate ${shown} says why)` : (h.title ?? '(no title)');
    io.stdout(`  ${shown.padEnd(width)}${h.kind === 'scenario' ? 'scenario' : 'model   '}  ${title}\n`);
    if (h.question) io.stdout(`  ${' '.repeat(width + 10)}${h.question}\n`);
  }
}
