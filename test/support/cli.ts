/** Runs the CLI in-process from the repository root (or a folder given); returns exit code, stdout and stderr. */
import { runCli } from '../../src/cli/program.js';
import { ROOT } from './build.js';

export async function oxus(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return oxusIn(ROOT, ...argv);
}

/** The CLI with `cwd` as its working directory. */
export async function oxusIn(
  cwd: string,
  ...argv: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: '', stderr: '' };
  const code = await runCli(argv, {
    stdout: (t) => {
      out.stdout += t;
    },
    stderr: (t) => {
      out.stderr += t;
    },
    isTTY: false,
    cwd,
  });
  return { code, ...out };
}
