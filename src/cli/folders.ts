/** Folders named on the command line (`oxus list DIR…`, `oxus serve --models DIR…`). */
import { statSync } from 'node:fs';

/** Why a folder cannot be used by `command`, or undefined when it can. */
export function folderProblem(dir: string, command: string): string | undefined {
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat) return 'folder not found';
  if (!stat.isDirectory())
    return `not a folder (${command} takes folders; \`oxus validate FILE\` checks one file)`;
  return undefined;
}
