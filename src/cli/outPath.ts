/**
 * Output files (`--out`, `--values`), checked before anything is simulated: a long run must not end in a
 * write that could have been refused at the start (a folder, a missing folder, no permission).
 */
import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileErrorMessage } from '../model/load.js';
import { ExitError } from './exitError.js';
import type { CliIO } from './io.js';

const refuse = (flag: string, out: string, why: string) => new ExitError(1, `error: ${flag} ${out}: ${why}`);

/** The absolute path `out` (given to `flag`) names, or an ExitError saying why it cannot be written. */
export function checkOutPath(io: CliIO, flag: string, out: string, example: string): string {
  const path = resolve(io.cwd, out);
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat?.isDirectory()) {
    throw refuse(flag, out, `this is a folder; give a file name, for example ${join(out, example)}`);
  }
  const folder = dirname(path);
  const parent = statSync(folder, { throwIfNoEntry: false });
  if (!parent) throw refuse(flag, out, `the folder ${dirname(out)} does not exist`);
  if (!parent.isDirectory()) throw refuse(flag, out, `${dirname(out)} is a file, not a folder`);
  try {
    accessSync(stat ? path : folder, constants.W_OK);
  } catch {
    throw refuse(
      flag,
      out,
      stat ? 'the file cannot be written: permission denied' : 'the folder is not writable',
    );
  }
  return path;
}

/** Writes the output; a failure the checks could not foresee still gets a message, not a stack trace. */
export function writeOut(flag: string, path: string, out: string, text: string | Uint8Array): void {
  try {
    writeFileSync(path, text);
  } catch (err) {
    throw refuse(flag, out, fileErrorMessage(err));
  }
}
