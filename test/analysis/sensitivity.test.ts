/**
 * Sensitivity analyses against known answers: the Ishigami function's Sobol indices (closed form, Saltelli
 * et al. 2008 §4.9), an unused parameter's zero, Morris's screening, exact tornado swings and rank
 * regression of a linear model.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MORRIS_DELTA, MORRIS_EDGE } from '../../src/analysis/sensitivity/designs.js';
import { outputColumns } from '../../src/analysis/sensitivity/factors.js';
import { rhoInterval } from '../../src/analysis/sensitivity/rank.js';
import { tornadoBars } from '../../src/analysis/sensitivity/tornado.js';
import { parameterTable } from '../../src/engine/runBlock.js';
import { simulate } from '../../src/engine/simulate.js';
import { parseModel } from '../../src/model/load.js';
import { type Prepared, prepare } from '../../src/pipeline.js';
import { executeSensitivity } from '../../src/sensitivity.js';
import { planOf, repoPath } from '../support/build.js';
import { oxus } from '../support/cli.js';

const ISHIGAMI = prepare(repoPath('models/ishigami.yaml'));
const KNOWN = {
  x1: { S1: 0.3139, ST: 0.5576 },
  x2: { S1: 0.4424, ST: 0.4424 },
  x3: { S1: 0, ST: 0.2437 },
  x4: { S1: 0, ST: 0 },
} as const;

const LINEAR = `oxus: 1
model: linear
title: y = 2 x1 + x2
time: { start: 2000, end: 2001, step: year }
parameters:
  x1: &u { value: 0.5, unit: fraction, uncertainty: { dist: uniform, min: 0, max: 1 }, sources: [{ judgment: test }] }
  x2: *u
state:
  y: { unit: index, initial: "2 * x1 + x2" }
outputs:
  y: { kind: series, expr: y, unit: index }
`;

function preparedOf(text: string, runs = 1000): Prepared {
  const model = parseModel(text, 'inline.yaml').model!;
  return { plan: planOf(text), runs, seed: 1, model };
}

/** The result's parameters by name, read as the method's statistics. */
const byName = <T>(rows: readonly { name: string }[]): Record<string, T> =>
  Object.fromEntries(rows.map((r) => [r.name, r as unknown as T]));

describe('Sobol indices', () => {
  it('recovers the Ishigami indices within their 95% bootstrap intervals, and 0 for the unused x4', async () => {
    const r = await executeSensitivity(
      ISHIGAMI,
      { method: 'sobol', output: 'y', at: '2001', samples: 4096 },
      { workers: 0 },
    );
    assert.equal(r.runs, 4096 * 6);
    const got = byName<{ S1: number; S1_ci: [number, number]; ST: number; ST_ci: [number, number] }>(
      r.parameters,
    );
    for (const [name, truth] of Object.entries(KNOWN)) {
      const p = got[name]!;
      assert.ok(
        p.S1_ci[0] <= truth.S1 && truth.S1 <= p.S1_ci[1],
        `${name} S1 ${truth.S1} outside [${p.S1_ci}]`,
      );
      assert.ok(
        p.ST_ci[0] <= truth.ST && truth.ST <= p.ST_ci[1],
        `${name} ST ${truth.ST} outside [${p.ST_ci}]`,
      );
    }
    // x4 changes nothing, so f(AB_4) = f(A) exactly: its indices and intervals are exactly 0.
    assert.deepEqual([got.x4!.S1, got.x4!.ST, got.x4!.S1_ci, got.x4!.ST_ci], [0, 0, [0, 0], [0, 0]]);
    assert.deepEqual(r.horizons.dates, ['2000', '2001']);
    assert.equal(r.horizons.values.length, 4);
    // Per date: the total index with its bootstrap interval, the same as the parameters' at the date asked.
    assert.equal(r.horizons.statistic, 'ST');
    r.parameters.forEach((p, i) => {
      assert.equal(r.horizons.values[i]![1], p.ST);
      assert.deepEqual([r.horizons.low[i]![1], r.horizons.high[i]![1]], p.ST_ci);
    });
  });

  // y = x1 + x2 + x3, inputs U(0, 1), x1 and x2 with rank correlation 0.5. For uniforms the copula's rank
  // correlation is also the Pearson one, so Var(x1 + x2) = (1 + 1 + 2 · 0.5)/12 = 3/12 of Var(y) = 4/12:
  // the group {x1, x2} has S1 = ST = 3/4 and x3 has 1/4 (additive: no interactions). Taken one by one as if
  // independent, each input would get 1/3.
  const CORRELATED = `oxus: 1
model: correlated
title: y = x1 + x2 + x3 with x1 and x2 correlated
time: { start: 2000, end: 2001, step: year }
parameters:
  x1: &u { value: 0.5, unit: fraction, uncertainty: { dist: uniform, min: 0, max: 1 }, sources: [{ judgment: test }] }
  x2: *u
  x3: *u
correlations:
  - { between: [x1, x2], rank: 0.5 }
state:
  y: { unit: index, initial: "x1 + x2 + x3" }
outputs:
  y: { kind: series, expr: y, unit: index }
`;

  it('gives the indices of a correlated group: 3/4 for {x1, x2} and 1/4 for x3, within their intervals', async () => {
    const r = await executeSensitivity(
      preparedOf(CORRELATED),
      { method: 'sobol', output: 'y', at: '2001', samples: 4096 },
      { workers: 0 },
    );
    assert.deepEqual(
      r.parameters.map((p) => [p.name, p.members, p.correlated]),
      [
        ['x1 + x2', ['x1', 'x2'], true],
        ['x3', undefined, undefined],
      ],
    );
    assert.equal(r.runs, 4096 * 4);
    assert.match(r.assumption, /indices of correlated groups/);
    const got = byName<{ S1: number; S1_ci: [number, number]; ST: number; ST_ci: [number, number] }>(
      r.parameters,
    );
    for (const [name, truth] of [
      ['x1 + x2', 0.75],
      ['x3', 0.25],
    ] as const) {
      const p = got[name]!;
      assert.ok(p.S1_ci[0] <= truth && truth <= p.S1_ci[1], `${name} S1 ${truth} outside [${p.S1_ci}]`);
      assert.ok(p.ST_ci[0] <= truth && truth <= p.ST_ci[1], `${name} ST ${truth} outside [${p.ST_ci}]`);
    }
    // Morris and tornado keep one factor per input and say they ignore the correlation.
    const morris = await executeSensitivity(
      preparedOf(CORRELATED),
      { method: 'morris', output: 'y', at: '2001', samples: 10 },
      { workers: 0 },
    );
    assert.deepEqual(
      morris.parameters.map((p) => p.name),
      ['x1', 'x2', 'x3'],
    );
  });
});

describe('Morris elementary effects', () => {
  it('screens the Ishigami inputs: x1, x2, x3 influential, the unused x4 exactly 0', async () => {
    const r = await executeSensitivity(
      ISHIGAMI,
      { method: 'morris', output: 'y', at: '2001', samples: 100 },
      { workers: 0 },
    );
    const got = byName<{ mu_star: number; mu: number; sigma: number }>(r.parameters);
    assert.equal(got.x4!.mu_star, 0);
    assert.equal(got.x4!.sigma, 0);
    for (const x of ['x1', 'x2', 'x3']) assert.ok(got[x]!.mu_star > 5, `${x}: μ* ${got[x]!.mu_star}`);
    // x3 acts only through its interaction with x1: its elementary effects change sign (σ > |μ|).
    assert.ok(got.x3!.sigma > Math.abs(got.x3!.mu));
    // μ*'s bootstrap interval holds μ*; x4's elementary effects are all 0, so its interval is [0, 0].
    const ci = byName<{ mu_star: number; mu_star_ci: [number, number] }>(r.parameters);
    for (const x of ['x1', 'x2', 'x3'])
      assert.ok(ci[x]!.mu_star_ci[0] <= ci[x]!.mu_star && ci[x]!.mu_star <= ci[x]!.mu_star_ci[1]);
    assert.deepEqual(ci.x4!.mu_star_ci, [0, 0]);
  });
  it('gives the Ishigami μ* exactly expected on its 4-level grid, within the bootstrap intervals', async () => {
    // On the grid (levels at the 1st, 34th, 66th and 99th percentiles, steps of two levels) every point a
    // factor steps from is uniform over the 4³ grid points, so μ* is the mean of |f(step) − f(x)|/Δ over
    // them: computed here by enumeration. x1 and x2 tie (7.7966 and 7.7968): μ* measures the mean size of
    // an effect, not a share of variance, so it cannot order them as ST does (0.5576 > 0.4424); it puts
    // x3 third (6.2353) and the unused x4 at 0, as Sobol does.
    const levels = [0, 1, 2, 3].map((l) => MORRIS_EDGE + ((1 - 2 * MORRIS_EDGE) * l) / 3);
    const x = (u: number) => -Math.PI + 2 * Math.PI * u;
    const f = ([a, b, c]: number[]) => Math.sin(a!) + 7 * Math.sin(b!) ** 2 + 0.1 * c! ** 4 * Math.sin(a!);
    const exact = [0, 0, 0];
    for (const i of levels)
      for (const j of levels)
        for (const k of levels) {
          const u = [i, j, k];
          for (let d = 0; d < 3; d++) {
            const v = [...u];
            v[d] = u[d]! < 0.5 ? u[d]! + MORRIS_DELTA : u[d]! - MORRIS_DELTA;
            exact[d]! += Math.abs(f(v.map(x)) - f(u.map(x))) / MORRIS_DELTA / 64;
          }
        }
    const r = await executeSensitivity(
      ISHIGAMI,
      { method: 'morris', output: 'y', at: '2001', samples: 1000 },
      { workers: 0 },
    );
    const got = byName<{ mu_star: number; mu_star_ci: [number, number] }>(r.parameters);
    ['x1', 'x2', 'x3'].forEach((name, d) => {
      // x2's elementary effect is the same at every grid point, so its interval is one number: 1e-9 allows
      // for the engine's rounding, which differs from this enumeration's in the last bits (1e-13 here).
      const [lo, hi] = got[name]!.mu_star_ci;
      const ok = lo - 1e-9 <= exact[d]! && exact[d]! <= hi + 1e-9;
      assert.ok(ok, `${name}: μ* ${exact[d]} outside [${lo}, ${hi}]`);
    });
    assert.ok(got.x3!.mu_star_ci[1] < Math.min(got.x1!.mu_star_ci[0], got.x2!.mu_star_ci[0]));
    assert.equal(got.x4!.mu_star, 0);
  });
});

describe('tornado and rank', () => {
  it('swings y = 2 x1 + x2 by exactly 2 × 0.9 and 0.9 between the 5th and 95th percentiles', async () => {
    const r = await executeSensitivity(
      preparedOf(LINEAR),
      { method: 'tornado', output: 'y', at: '2001', samples: 3 },
      { workers: 0 },
    );
    const got = byName<{ base: number; low: number; high: number; swing: number; swing_ci: number[] }>(
      r.parameters,
    );
    // Quantiles of U(0, 1) at 0.05, 0.5 and 0.95, through floating point: within 1e-12.
    assert.ok(Math.abs(got.x1!.swing - 1.8) < 1e-12);
    assert.ok(Math.abs(got.x2!.swing - 0.9) < 1e-12);
    assert.ok(Math.abs(got.x1!.base - 1.5) < 1e-12);
    // No chance in the model: every paired difference is the same, so the interval is the swing itself.
    assert.deepEqual(got.x1!.swing_ci, [got.x1!.swing, got.x1!.swing]);
    assert.deepEqual(r.horizons.low[0], r.horizons.values[0]);
  });

  it('gives a swing the interval of a mean of paired differences, from 0 when it holds 0', () => {
    // One factor, R = 4 runs: base 0,0,0,0; low 1,2,3,4; high 2,2,5,4 → differences 1,0,2,0, mean 0.75,
    // sd √(2.75/3), half-width 1.959964 · sd/2 = 0.9383: the interval −0.188 … 1.688 holds 0.
    const f = Float64Array.from([0, 0, 0, 0, 1, 2, 3, 4, 2, 2, 5, 4]);
    const [bar] = tornadoBars(f, 1, 4);
    const h = (1.959963984540054 * Math.sqrt(2.75 / 3)) / 2;
    assert.equal(bar!.swing, 0.75);
    assert.ok(Math.abs(bar!.swing_ci[1] - (0.75 + h)) < 1e-12);
    assert.equal(bar!.swing_ci[0], 0);
  });

  it('gives ρ the Fisher interval tanh(atanh ρ ± 1.96 √(1.06/(n − 3)))', () => {
    // ρ = 0.5, n = 103: atanh 0.5 = 0.549306, half-width 1.959964 · √0.0106 = 0.201791.
    const [lo, hi] = rhoInterval(0.5, 103);
    assert.ok(Math.abs(lo - Math.tanh(0.549306144 - 0.201791)) < 1e-6, `${lo}`);
    assert.ok(Math.abs(hi - Math.tanh(0.549306144 + 0.201791)) < 1e-6, `${hi}`);
    assert.deepEqual(rhoInterval(0.3, 3), [-1, 1]);
    assert.deepEqual(rhoInterval(1, 50), [1, 1]);
  });

  it('ranks y = 2 x1 + x2: Spearman and rank regression near the linear values 2/√5 and 1/√5, R² near 1', async () => {
    const r = await executeSensitivity(
      preparedOf(LINEAR, 2000),
      { method: 'rank', output: 'y', at: '2001' },
      { workers: 0 },
    );
    const got = byName<{ rho: number; srrc: number }>(r.parameters);
    // Ranks of a sum of uniforms are close to, not equal to, its standardised values: 0.05 allows for that
    // and for sampling (sd of a correlation of 2,000 runs ≈ 0.01).
    assert.ok(Math.abs(got.x1!.srrc - 2 / Math.sqrt(5)) < 0.05, `${got.x1!.srrc}`);
    assert.ok(Math.abs(got.x2!.srrc - 1 / Math.sqrt(5)) < 0.05, `${got.x2!.srrc}`);
    assert.ok(got.x1!.rho > got.x2!.rho);
    assert.ok((r.r2 ?? 0) > 0.95);
  });
});

describe('oxus sensitivity', () => {
  it("prints the Ishigami Sobol table with the method's assumption", async () => {
    const r = await oxus(
      'sensitivity',
      'models/ishigami.yaml',
      '--output',
      'y',
      '--at',
      '2001',
      '--method',
      'sobol',
      '--samples',
      '1024',
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Sensitivity \(sobol\) of y at 2001: 6,144 evaluations/);
    assert.match(r.stdout, /independent inputs/);
  });

  it('gives JSON in the documented shape, CSV with every date, and names a wrong output or date', async () => {
    const json = await oxus(
      'sensitivity',
      'models/ishigami.yaml',
      '--output',
      'y',
      '--at',
      '2001',
      '--method',
      'morris',
      '--format',
      'json',
    );
    assert.equal(json.code, 0, json.stderr);
    const j = JSON.parse(json.stdout);
    assert.deepEqual([j.method, j.output, j.at, j.runs], ['morris', 'y', '2001', 250]);
    assert.deepEqual(Object.keys(j.parameters[0]).sort(), ['mu', 'mu_star', 'mu_star_ci', 'name', 'sigma']);
    assert.deepEqual(Object.keys(j.horizons).sort(), [
      'dates',
      'high',
      'level',
      'low',
      'statistic',
      'values',
    ]);
    const csv = await oxus(
      'sensitivity',
      'models/ishigami.yaml',
      '--output',
      'y',
      '--at',
      '2001',
      '--format',
      'csv',
    );
    assert.match(csv.stdout, /^x1,rho@2000,/m);
    assert.match(csv.stdout, /^x1,rho_lo@2000,/m);
    assert.match(csv.stdout, /^x1,rho_ci_hi,/m);
    const bad = await oxus('sensitivity', 'models/ishigami.yaml', '--output', 'z', '--at', '2001');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /no output, threshold or event 'z': expected one of y, high/);
    const date = await oxus('sensitivity', 'models/ishigami.yaml', '--output', 'y', '--at', '1999');
    assert.match(date.stderr, /1999 is not a date of the time axis/);
  });
});

describe('factors grouped by driver family', () => {
  const FAMILIES = `oxus: 1
model: families
title: y = a_one + a_two + b_one + c
time: { start: 2000, end: 2001, step: year }
parameters:
  a_one: &u { value: 0.5, unit: fraction, uncertainty: { dist: uniform, min: 0, max: 1 }, sources: [{ judgment: test }] }
  a_two: *u
  b_one: *u
  c: { value: 0.5, unit: fraction, family: a, uncertainty: { dist: uniform, min: 0, max: 1 }, sources: [{ judgment: test }] }
  fixed_one: { value: 1, unit: fraction, sources: [{ judgment: test }] }
state:
  y: { unit: index, initial: "a_one + a_two + b_one + c + fixed_one" }
outputs:
  y: { kind: series, expr: y, unit: index }
`;

  it('groups by the declared family, else the name’s first word; fixed parameters are no factor', async () => {
    const result = await executeSensitivity(preparedOf(FAMILIES, 10), {
      method: 'morris',
      output: 'y',
      at: '2001',
      samples: 10,
      groupBy: 'family',
    });
    assert.deepEqual(
      result.parameters.map((p) => [p.name, p.members]),
      [
        ['a', ['a_one', 'a_two', 'c']],
        ['b', ['b_one']],
      ],
    );
    assert.equal(result.runs, 10 * 3, 'Morris: r (k + 1) evaluations for k = 2 factors');
  });
});

describe('time to event as the output', () => {
  // A threshold first holds at the step where the clock reaches d: its time is ceil(d), d ~ U(2, 15).
  const CLOCK = `oxus: 1
model: clock
title: A threshold reached when the clock passes d
time: { start: 2000, end: 2020, step: year }
parameters:
  d: { value: 8, unit: years, range: [0, 20], uncertainty: { dist: uniform, min: 2, max: 15 }, sources: [{ judgment: test }] }
  unused: { value: 0.5, unit: fraction, uncertainty: { dist: uniform, min: 0, max: 1 }, sources: [{ judgment: test }] }
state:
  clock: { unit: years, initial: 0 }
rules:
  tick: { target: clock, add: "1", sources: [{ judgment: test }] }
outputs:
  reached: { kind: threshold, when: "clock >= d", label: Clock past d }
  clock: { kind: series, expr: clock, unit: years }
`;

  it('is min(T, horizon) per run: d drives it, an unused parameter does not', async () => {
    const p = preparedOf(CLOCK, 1000);
    const result = await executeSensitivity(p, {
      method: 'rank',
      output: 'reached',
      at: '2020',
      measure: 'time',
    });
    assert.equal(result.measure, 'time');
    assert.match(result.assumption, /time to the first occurrence/);
    const rho = Object.fromEntries(result.parameters.map((x) => [x.name, x.rho as number]));
    // T = ceil(d) is monotone in d (ties at whole years keep ρ a little under 1).
    assert.ok(rho.d! > 0.95, `ρ(d) = ${rho.d}`);
    // Independent of T: |ρ| under 0.15, about 5 standard errors of ρ at 1,000 runs (1/√999 ≈ 0.032).
    assert.ok(Math.abs(rho.unused!) < 0.15, `ρ(unused) = ${rho.unused}`);
    // At 2005 (5 steps in) the threshold has held only where d ≤ 5: ρ is weaker but still positive.
    const k = result.horizons.dates.indexOf('2005');
    const i = result.parameters.findIndex((x) => x.name === 'd');
    assert.ok(result.horizons.values[i]![k]! > 0.5);
    // Its interval at every date holds it, and at 2005 excludes 0.
    result.horizons.values[i]!.forEach((v, t) => {
      assert.ok(result.horizons.low[i]![t]! <= v && v <= result.horizons.high[i]![t]!);
    });
    assert.ok(result.horizons.low[i]![k]! > 0);
  });

  it('is exactly the first step at which the threshold holds, restricted to the horizon', async () => {
    const p = preparedOf(CLOCK, 200);
    const data = await simulate(p.plan, { runs: 200, seed: 1, workers: 0 });
    const channel = p.plan.channels.findIndex((c) => c.output === 'reached');
    const columns = outputColumns(data, channel, 'time');
    const [d] = parameterTable(p.plan, 1, 0, 200).values;
    for (let r = 0; r < 200; r++) {
      const T = Math.ceil(d![r]!);
      assert.equal(columns[20]![r], T, `run ${r}: the clock passes d = ${d![r]} at step ${T}`);
      assert.equal(columns[5]![r], Math.min(T, 5), `run ${r} restricted to 5 steps`);
    }
  });

  it('refuses the time to a series, in the model’s terms', async () => {
    await assert.rejects(
      executeSensitivity(preparedOf(CLOCK, 10), {
        method: 'rank',
        output: 'clock',
        at: '2020',
        measure: 'time',
      }),
      /time to event needs a threshold or event; 'clock' is a series/,
    );
  });
});
