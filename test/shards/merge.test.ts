/** Shards: four shard processes plus `oxus merge` give the single run's result bit for bit; bad sets are refused. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { shardRange } from '../../src/shards/shardFile.js';
import { repoPath } from '../support/build.js';
import { oxus } from '../support/cli.js';

const run = promisify(execFile);
const MAIN = repoPath('dist/src/cli/main.js');
// A scenario with every kind of channel (series, thresholds, events, leaders) and snapshot dates.
const SCENARIO = 'scenarios/baseline-2016.yaml';
const RUNS = '203';

describe('oxus run --shard and oxus merge', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oxus-shards-'));
  const shard = (i: number) => join(dir, `s${i}.arrow`);

  it('merges four shard processes into a result bit-identical to the single run', async () => {
    await Promise.all(
      [0, 1, 2, 3].map((i) =>
        run(
          process.execPath,
          [MAIN, 'run', SCENARIO, '--runs', RUNS, '--shard', `${i}/4`, '--out', shard(i)],
          {
            cwd: repoPath(),
          },
        ),
      ),
    );
    // Given in any order.
    const merged = await oxus(
      'merge',
      shard(2),
      shard(0),
      shard(3),
      shard(1),
      '--out',
      join(dir, 'merged.json'),
    );
    assert.equal(merged.code, 0, merged.stderr);
    const single = await oxus(
      'run',
      SCENARIO,
      '--runs',
      RUNS,
      '--format',
      'json',
      '--workers',
      '2',
      '--out',
      join(dir, 'single.json'),
    );
    assert.equal(single.code, 0, single.stderr);
    const a = readFileSync(join(dir, 'merged.json'), 'utf8');
    const b = readFileSync(join(dir, 'single.json'), 'utf8');
    assert.ok(JSON.parse(b).summary.series.length > 0 && JSON.parse(b).summary.events.length > 0);
    assert.equal(a, b);
  });

  it('refuses a shard of another job, a missing shard and a duplicated one, naming them', async () => {
    const foreign = join(dir, 'foreign.arrow');
    assert.equal(
      (await oxus('run', SCENARIO, '--runs', RUNS, '--seed', '5', '--shard', '1/4', '--out', foreign)).code,
      0,
    );
    const out = ['--out', join(dir, 'x.json')];
    const mixed = await oxus('merge', shard(0), foreign, shard(2), shard(3), ...out);
    assert.equal(mixed.code, 1);
    assert.match(
      mixed.stderr,
      /foreign\.arrow is from another job: its seed is 5 where .*s0\.arrow has 2016/,
    );
    const gap = await oxus('merge', shard(0), shard(1), shard(3), ...out);
    assert.equal(gap.code, 1);
    const [from, to] = shardRange(2, 4, Number(RUNS));
    assert.match(
      gap.stderr,
      new RegExp(`runs ${from} to ${to - 1} of ${RUNS} are in no shard given: missing shard 2/4`),
    );
    const twice = await oxus('merge', shard(0), shard(1), shard(1), shard(2), shard(3), ...out);
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /s1\.arrow \(shard 1\/4, runs 50 to 100\) overlaps .*s1\.arrow/);
    const notShard = await oxus('merge', join(dir, 'merged.json'), ...out);
    assert.match(notShard.stderr, /merged\.json is not an oxus shard file/);
  });

  it('merges explicit run ranges, alone or with I/N shards, into the single run, and refuses gaps and overlaps', async () => {
    const range = (name: string, r: string) =>
      run(process.execPath, [MAIN, 'run', SCENARIO, '--runs', RUNS, '--range', r, '--out', join(dir, name)], {
        cwd: repoPath(),
      });
    await Promise.all([range('r0.arrow', '0:120'), range('r1.arrow', '120:203'), range('r2.arrow', '0:50')]);
    const single = readFileSync(join(dir, 'single.json'), 'utf8');
    const merge = async (files: string[], to: string) => {
      const done = await oxus('merge', ...files.map((f) => join(dir, f)), '--out', join(dir, to));
      return { ...done, text: done.code === 0 ? readFileSync(join(dir, to), 'utf8') : '' };
    };
    const ranges = await merge(['r1.arrow', 'r0.arrow'], 'ranges.json');
    assert.equal(ranges.code, 0, ranges.stderr);
    assert.equal(ranges.text, single);
    // Runs 0 to 49 as a range, the rest as shards 1/4 to 3/4 of the same job.
    const mixed = await merge(['r2.arrow', 's1.arrow', 's2.arrow', 's3.arrow'], 'mixed.json');
    assert.equal(mixed.code, 0, mixed.stderr);
    assert.equal(mixed.text, single);
    const gap = await merge(['r0.arrow'], 'gap.json');
    assert.equal(gap.code, 1);
    assert.match(gap.stderr, /runs 120 to 202 of 203 are in no shard given/);
    const overlap = await merge(['r0.arrow', 's2.arrow', 's3.arrow'], 'overlap.json');
    assert.equal(overlap.code, 1);
    assert.match(
      overlap.stderr,
      /s2\.arrow \(shard 2\/4, runs 101 to 151\) overlaps .*r0\.arrow \(runs 0 to 119\)/,
    );
  });

  it('checks --range', async () => {
    const empty = await oxus('run', SCENARIO, '--range', '5:5', '--out', shard(9));
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /--range must be FROM:TO with FROM < TO/);
    const beyond = await oxus('run', SCENARIO, '--runs', RUNS, '--range', '200:204', '--out', shard(9));
    assert.equal(beyond.code, 1);
    assert.match(beyond.stderr, /0 ≤ FROM < TO ≤ the job's 203 runs .*found 200:204/);
    const both = await oxus('run', SCENARIO, '--shard', '0/4', '--range', '0:5', '--out', shard(9));
    assert.match(both.stderr, /--shard and --range both name the runs/);
  });

  it('checks --shard and its --out', async () => {
    const bad = await oxus('run', SCENARIO, '--shard', '4/4', '--out', shard(9));
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--shard must be I\/N with N ≥ 1 and I from 0 to N - 1/);
    const noOut = await oxus('run', SCENARIO, '--shard', '0/4');
    assert.match(noOut.stderr, /--shard writes a shard file: give its name with --out/);
  });
});
