/** Per-run values on request: an Arrow IPC file and a CSV that read back to the engine's numbers. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tableFromIPC } from 'apache-arrow';
import { channelKey } from '../../src/analysis/summarize.js';
import { executeWithData, prepare } from '../../src/pipeline.js';
import { repoPath } from '../support/build.js';
import { oxus } from '../support/cli.js';

const SCENARIO = 'scenarios/baseline-2016.yaml';

async function engineRun(runs: number) {
  return executeWithData(prepare(repoPath(SCENARIO), { runs }), { workers: 0 });
}

/** Every series channel at every snapshot date, read from the engine's records, by column name. */
function expected(data: Awaited<ReturnType<typeof engineRun>>['data'], dates: readonly string[]) {
  const want = new Map<string, number[]>();
  for (const point of data.plan.snapshots)
    data.plan.channels.forEach((c, ci) => {
      if (c.kind !== 'series') return;
      const v = data.records.column(ci, point);
      want.set(
        `${channelKey(c)}@${dates[point]}`,
        Array.from({ length: data.runs }, (_, r) => v[r]!),
      );
    });
  return want;
}

describe('oxus run --values', () => {
  it('writes an Arrow IPC file that reads back to every run’s values, with the receipt', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oxus-values-'));
    const file = join(dir, 'runs.arrow');
    const r = await oxus(
      'run',
      SCENARIO,
      '--runs',
      '40',
      '--workers',
      '0',
      '--values',
      file,
      '--format',
      'json',
    );
    assert.equal(r.code, 0, r.stderr);
    const { result, data } = await engineRun(40);
    const table = tableFromIPC(readFileSync(file));
    assert.deepEqual(JSON.parse(table.schema.metadata.get('oxus.receipt')!), result.receipt);
    assert.equal(table.numRows, 40);
    assert.deepEqual(
      Array.from(table.getChild('run')!.toArray()),
      Array.from({ length: 40 }, (_, i) => i),
    );
    const want = expected(data, result.summary.dates);
    assert.ok(want.size >= 20, 'the bundled scenario has snapshot dates and series');
    assert.equal(table.numCols, want.size + 1);
    for (const [name, values] of want) {
      const got = Array.from(table.getChild(name)!.toArray() as Float64Array);
      assert.ok(
        got.every((x, i) => Object.is(x, values[i])),
        `${name} reads back bit for bit`,
      );
    }
    // The default JSON carries histograms at the snapshot dates, not per-run values.
    assert.ok(!r.stdout.includes('"values"'));
  });

  it('writes CSV with the receipt as comment lines, exact numbers, and names a wrong file ending', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oxus-values-'));
    const file = join(dir, 'runs.csv');
    assert.equal(
      (await oxus('run', SCENARIO, '--runs', '25', '--values', file, '--out', join(dir, 't.txt'))).code,
      0,
    );
    const { result, data } = await engineRun(25);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const comments = lines.filter((l) => l.startsWith('#'));
    assert.deepEqual(
      comments,
      Object.entries(result.receipt).map(([k, v]) => `# ${k}: ${v}`),
    );
    const [header, ...rows] = lines.slice(comments.length);
    const names = header!.split(',');
    assert.equal(rows.length, 25);
    const want = expected(data, result.summary.dates);
    for (const [name, values] of want) {
      const j = names.indexOf(name);
      assert.ok(j > 0, `column ${name}`);
      for (const [i, row] of rows.entries()) assert.ok(Object.is(Number(row.split(',')[j]), values[i]));
    }
    const bad = await oxus('run', SCENARIO, '--runs', '5', '--values', join(dir, 'runs.xlsx'));
    assert.equal(bad.code, 1);
    assert.match(
      bad.stderr,
      /--values .*runs\.xlsx: the file name must end in \.arrow, \.feather or \.ipc \(Arrow IPC\) or \.csv, found '\.xlsx'/,
    );
  });
});
