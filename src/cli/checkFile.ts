/** The check behind `oxus validate`: everything `oxus run` would reject, without simulating. */
import { OxusError, type Problem } from '../model/problems.js';
import { prepare } from '../pipeline.js';

/** Problems of one file, whichever kind it is; an empty list when it is valid. */
export function checkFile(path: string): Problem[] {
  try {
    prepare(path);
    return [];
  } catch (err) {
    if (err instanceof OxusError) return [...err.problems];
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      return [{ code: 'E_FILE', file: path, line: 1, column: 1, path: '', message: 'file not found' }];
    }
    throw err;
  }
}
