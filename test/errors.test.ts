/** The one classification of errors that the CLI and the server's engine host report from. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancelledError, EngineError, errorKind, LimitError, OxusError } from '../src/errors.js';
import { checkRuns, MAX_RUNS } from '../src/limits.js';
import { prepare } from '../src/pipeline.js';
import { repoPath } from './support/build.js';

describe('errorKind', () => {
  it('tells each of oxus’s errors apart', () => {
    const problem = { code: 'E_X', file: 'f.yaml', line: 1, column: 1, path: '', message: 'bad' };
    assert.deepEqual(errorKind(new OxusError([problem])), { kind: 'problems', problems: [problem] });
    assert.deepEqual(errorKind(new LimitError('too many')), {
      kind: 'limit',
      code: 'E_TOO_MANY_RUNS',
      message: 'too many',
    });
    assert.deepEqual(errorKind(new EngineError('E_NONFINITE', 'x became NaN', 3, '2004')), {
      kind: 'engine',
      code: 'E_NONFINITE',
      message: 'x became NaN (run 3)',
      run: 3,
      date: '2004',
    });
    assert.deepEqual(errorKind(new CancelledError()), { kind: 'cancelled' });
  });

  it('reports a built-in RangeError as internal, not as a limit', () => {
    assert.deepEqual(errorKind(new RangeError('index out of range')), {
      kind: 'internal',
      message: 'index out of range',
    });
  });
});

describe('the run count', () => {
  it('is checked in one place, with a LimitError', () => {
    for (const runs of [0, -1, 1.5, MAX_RUNS + 1, Number.NaN])
      assert.throws(() => checkRuns(runs), LimitError);
    assert.doesNotThrow(() => checkRuns(MAX_RUNS));
    const model = repoPath('models/logistic-reference.yaml');
    assert.throws(() => prepare(model, { runs: 0 }), LimitError);
  });

  it('a missing file is a problem (E_FILE) built by the loader', () => {
    assert.throws(
      () => prepare(repoPath('no-such-file.yaml')),
      (err) => err instanceof OxusError && err.problems[0]?.code === 'E_FILE',
    );
  });
});
