/**
 * Stable random streams: a parameter's, initial value's and event's draws are keyed by its name, so editing a
 * model (here: declaring an unrelated parameter, state variable and event first) leaves every other draw,
 * and therefore every run of every other output, bit-identical.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pearson } from '../../src/analysis/sensitivity/correlation.js';
import type { ChannelValues } from '../../src/engine/records.js';
import type { RunData } from '../../src/engine/simulate.js';
import { drawUniform, keyedUniform, nameKey, runNameKey, seedKey } from '../../src/random/stream.js';
import { readRepo, runText } from '../support/build.js';

const MODEL = readRepo('test/fixtures/rich-model.yaml');

/** The fixture with an unrelated parameter, state variable and event declared before all the others. */
const EDITED = MODEL.replace(
  'parameters:\n',
  `parameters:
  unrelated:
    value: 0.5
    unit: fraction
    uncertainty: { dist: uniform, min: 0, max: 1 }
    sources: [{ judgment: fixture }]
`,
)
  .replace(
    'state:\n',
    `state:
  spare: { unit: index, initial: { dist: uniform, min: 0, max: 1 } }
`,
  )
  .replace(
    'events:\n',
    `events:
  omen:
    probability: 0.3
    once: false
    effects: { spare: "spare + unrelated" }
    sources: [{ judgment: fixture }]
`,
  );

const channelKey = (c: { output: string; member?: string; kind: string }) =>
  `${c.kind}:${c.output}:${c.member ?? ''}`;

function byChannel(data: RunData): Map<string, ChannelValues> {
  return new Map(data.plan.channels.map((c, i) => [channelKey(c), data.records.channel(i)]));
}

describe('stable random streams', () => {
  it('declaring an unrelated parameter, state variable and event leaves every other output identical', async () => {
    assert.notEqual(EDITED, MODEL);
    const before = byChannel(await runText(MODEL, 300, 7));
    const after = byChannel(await runText(EDITED, 300, 7));
    assert.ok(after.has('event:omen:'), 'the edited model has the new event');
    for (const [key, values] of before) {
      const edited = after.get(key);
      assert.ok(edited, `channel ${key} is still there`);
      assert.equal(edited.length, values.length);
      const differing = Array.from(values).reduce((n, v, i) => n + (Object.is(v, edited[i]) ? 0 : 1), 0);
      assert.equal(differing, 0, `${key}: ${differing} values differ`);
    }
  });

  it('a draw depends on seed, run, domain and name, and not on any other draw', () => {
    const key = seedKey(3);
    const r = nameKey('parameter', 'r');
    assert.equal(drawUniform(key, 5, r), drawUniform(key, 5, r));
    assert.notEqual(drawUniform(key, 5, r), drawUniform(key, 6, r));
    assert.notEqual(drawUniform(key, 5, r), drawUniform(seedKey(4), 5, r));
    assert.notEqual(drawUniform(key, 5, r), drawUniform(key, 5, nameKey('initial', 'r')));
    const words = new Uint32Array(2);
    runNameKey(key, 5, r, words, 0);
    assert.equal(keyedUniform(words[0]!, words[1]!, 0), drawUniform(key, 5, r));
    assert.equal(keyedUniform(words[0]!, words[1]!, 9), drawUniform(key, 5, r, 9));
  });

  it('keyed draws are uniform and uncorrelated across runs, names and steps', () => {
    // 20,000 draws in 20 bins: the chi-square statistic has 19 degrees of freedom (mean 19, sd 6.2); 43.8
    // is its 0.999 quantile. Correlations of 20,000 independent pairs have sd 1/sqrt(20000) = 0.0071: 4 sd = 0.028.
    const key = seedKey('uniformity');
    const n = 20_000;
    const a = nameKey('event', 'A.pledge');
    const b = nameKey('event', 'B.pledge');
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    const zs = new Float64Array(n);
    const next = new Float64Array(n);
    const bins = new Array<number>(20).fill(0);
    for (let run = 0; run < n; run++) {
      xs[run] = drawUniform(key, run, a, 3);
      ys[run] = drawUniform(key, run, b, 3);
      zs[run] = drawUniform(key, run + 1, a, 3);
      next[run] = drawUniform(key, run, a, 4);
      bins[Math.floor(xs[run]! * 20)]!++;
    }
    const chi2 = bins.reduce((s, o) => s + (o - n / 20) ** 2 / (n / 20), 0);
    assert.ok(chi2 < 43.8, `chi-square ${chi2.toFixed(1)}`);
    for (const [name, other] of [
      ['another name', ys],
      ['the next run', zs],
      ['the next step', next],
    ] as const) {
      const r = pearson(xs, other);
      assert.ok(Math.abs(r) < 0.028, `correlation with ${name}: ${r.toFixed(4)}`);
    }
  });
});
