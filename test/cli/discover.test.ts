/** `oxus discover`: the box in sentences, JSON and CSV, and clear errors for conditions it cannot read. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { oxus } from '../support/cli.js';

const FILE = 'test/fixtures/prim-box.yaml';
const base = ['discover', FILE, '--at', '2001', '--runs', '1000'];

describe('oxus discover', () => {
  it('writes the box as sentences, with its table and the peeling trajectory', async () => {
    const r = await oxus(...base, '--output', 'inside');
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^Of 1,000 runs, \d+ \(\d+%\) are runs where Inside the box has happened by 2001\.$/m,
    );
    assert.match(
      r.stdout,
      /^In \d+% of the runs where Inside the box has happened by 2001, x1 is at least 0\.\d+ and x2 is at most 0\.\d+\.$/m,
    );
    assert.match(r.stdout, /Peeling trajectory \(α = 0\.05/);
    assert.match(r.stdout, /\(chosen\)/);
    assert.doesNotMatch(r.stdout, /x3/);
  });

  it("runs the README's examples", async () => {
    const fixture = await oxus('discover', FILE, '--output', 'inside', '--at', '2001');
    assert.match(
      fixture.stdout,
      /^In 100% of the runs where Inside the box has happened by 2001, x1 is at least 0\.69 and x2 is at most 0\.329\.$/m,
    );
    const readme = 'discover scenarios/baseline-2016.yaml --output strength --member IBB --at 2020Q4';
    const r = await oxus(...readme.split(' '), '--when', '>= 1500');
    assert.equal(r.code, 0, r.stderr);
    // The Central Asia model's numbers are its own (and recalibrated): the shape is what is checked here.
    assert.match(
      r.stdout,
      /^Of [\d,]+ runs, \d+ \(\d+%\) are runs where IBB's Strength is at least 1,500 fighters at 2020Q4\.$/m,
    );
  });

  it('gives JSON with the sentences, the box, coverage, density and every box of the trajectory', async () => {
    const r = await oxus(...base, '--output', 'hit', '--when', '>= 1', '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.format, 'oxus-discovery/1');
    assert.deepEqual(j.when, { op: '>=', value: 1 });
    assert.equal(j.receipt.runs, 1000);
    assert.deepEqual(
      j.box.restrictions.map((x: { parameter: string }) => x.parameter),
      ['x1', 'x2'],
    );
    assert.ok(j.box.coverage > 0 && j.box.density > 0 && j.trajectory.length > 10);
    assert.match(j.sentences[1], /^In \d+% of the runs where Hit is at least 1 at 2001, x1 is at least/);
  });

  it('gives long-form CSV', async () => {
    const r = await oxus(...base, '--output', 'inside', '--format', 'csv');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^section,step,name,value$/m);
    assert.match(r.stdout, /^restriction,,x1\.low,0\.\d+$/m);
    assert.match(r.stdout, /^trajectory,0,coverage,1$/m);
  });

  it('refuses a series without a condition, a condition it cannot read, and one no run meets', async () => {
    const none = await oxus(...base, '--output', 'hit');
    assert.equal(none.code, 1);
    assert.match(none.stderr, /a series needs a condition: give --when .*\[E_CONDITION\]/);
    const bad = await oxus(...base, '--output', 'hit', '--when', 'above 3');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--when "above 3" is not a condition: expected a comparison and a number/);
    const never = await oxus(...base, '--output', 'hit', '--when', '> 1');
    assert.equal(never.code, 1);
    assert.match(
      never.stderr,
      /no run of the 1,000 meets hit > 1 at 2001, so there is nothing to tell apart/,
    );
    const share = await oxus(...base, '--output', 'inside', '--alpha', '1');
    assert.equal(share.code, 1);
    assert.match(share.stderr, /--alpha must be a number above 0 and below 1/);
  });
});
