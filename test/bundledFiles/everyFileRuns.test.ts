/** Every file in models/ and scenarios/ validates and runs, so the bundled examples cannot rot. */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { formatProblem } from '../../src/errors.js';
import { checkFile, execute, prepare } from '../../src/pipeline.js';
import { repoPath } from '../support/build.js';

for (const dir of ['models', 'scenarios']) {
  describe(`${dir}/`, () => {
    const files = readdirSync(repoPath(dir)).filter((f) => f.endsWith('.yaml'));
    it('is not empty', () => assert.ok(files.length > 0));
    for (const f of files) {
      it(`${f} validates and runs`, async () => {
        const path = repoPath(dir, f);
        assert.deepEqual(checkFile(path).map(formatProblem), []);
        const result = await execute(prepare(path, { runs: 40 }), { workers: 0 });
        assert.equal(result.receipt.runs, 40);
        assert.ok(
          result.summary.series.length + result.summary.thresholds.length + result.summary.events.length > 0,
        );
        for (const s of result.summary.series)
          assert.ok(s.mean.every(Number.isFinite), `${s.output} has non-finite means`);
      });
    }
  });
}
