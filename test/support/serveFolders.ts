/**
 * `oxus serve` for tests: a team's folders of models and scenarios (two of each, two of them named
 * models/), and the command started in-process, as Ctrl-C would stop it.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/program.js';
import { repoPath } from './build.js';

/** A scenario file's text: the header fields, then `rest`. */
export const scenarioText = (name: string, rest: string) =>
  `oxus: 1\nscenario: ${name}\ntitle: ${name}\nquestion: What does ${name} give?\n${rest}`;

/**
 * A new folder holding a shared `models/` and the team's `team/models/`, a shared `scenarios/` and the
 * analyst's `mine/` (a scenario extending a shared one, one on the team's model, and a broken one), and an
 * `empty/` folder.
 */
export function makeServeFolders(): string {
  const root = mkdtempSync(join(tmpdir(), 'oxus-serve-'));
  for (const dir of ['models', 'team/models', 'scenarios', 'mine', 'empty'])
    mkdirSync(join(root, dir), { recursive: true });
  copyFileSync(repoPath('models', 'logistic-reference.yaml'), join(root, 'models', 'logistic.yaml'));
  copyFileSync(repoPath('models', 'logistic-reference.yaml'), join(root, 'team/models', 'growth.yaml'));
  const write = (file: string, text: string) => writeFileSync(join(root, file), text);
  write('scenarios/base.yaml', scenarioText('base', 'model: ../models/logistic.yaml\nruns: 40\n'));
  write('mine/fast.yaml', scenarioText('fast', 'extends: ../scenarios/base.yaml\nparameters:\n  r: 0.14\n'));
  write('mine/own-model.yaml', scenarioText('own_model', 'model: ../team/models/growth.yaml\n'));
  write('mine/broken.yaml', scenarioText('broken', 'extends: fast.yaml\nparameters:\n  rr: 0.1\n'));
  return root;
}

export interface Serving {
  readonly url: string;
  readonly output: { stdout: string; stderr: string };
  /** Aborts as Ctrl-C would; resolves with the command's exit code once it has stopped. */
  stop(): Promise<number>;
}

/** Starts `oxus serve …` in-process in `cwd` and waits for its address (rejects if it exits first). */
export async function startServe(cwd: string, ...args: string[]): Promise<Serving> {
  const output = { stdout: '', stderr: '' };
  const controller = new AbortController();
  let announced!: (url: string) => void;
  const ready = new Promise<string>((resolve) => {
    announced = resolve;
  });
  const done = runCli(['serve', ...args], {
    stdout: (t) => {
      output.stdout += t;
      const url = /^oxus: serving (\S+)$/m.exec(output.stdout)?.[1];
      if (url) announced(url);
    },
    stderr: (t) => {
      output.stderr += t;
    },
    isTTY: false,
    cwd,
    signal: controller.signal,
  });
  const url = await Promise.race([
    ready,
    done.then((code) => Promise.reject(new Error(`exited ${code}: ${output.stderr}`))),
  ]);
  return {
    url,
    output,
    stop: () => {
      controller.abort();
      return done;
    },
  };
}
