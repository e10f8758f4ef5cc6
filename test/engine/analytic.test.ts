/**
 * The engine against known answers. Stochastic checks use a fixed seed (so they are exactly repeatable)
 * and a tolerance of 4 standard errors of the estimate, computed beside each assertion: with the seed fixed
 * a pass is deterministic, and a wrong engine would miss by far more than that.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { column, mean, runText, summaryOf, variance } from '../support/build.js';

const header = (end: number, step = 'year') => `oxus: 1
model: test
title: test
time: { start: 2000, end: ${end}, step: ${step} }
`;
const judgment = `sources: [{ judgment: test }]`;

/** P(Z_n = 0) for a Galton–Watson process from one individual is f∘…∘f(0), n times, for the offspring pgf f. */
function extinctionByGeneration(pgf: (s: number) => number, n: number): number[] {
  const q = [0];
  for (let i = 1; i <= n; i++) q.push(pgf(q[i - 1]!));
  return q;
}

describe('branching processes: extinction probabilities', () => {
  it('Galton–Watson with Poisson(1.5) offspring matches f^n(0) at every generation', async () => {
    const runs = 20_000;
    const s = await summaryOf(
      `${header(2030)}state:
  Z: { unit: individuals, initial: 1, min: 0 }
rules:
  generation: { target: Z, set: "rpois(1.5 * Z)", ${judgment} }
outputs:
  extinct: { kind: threshold, when: "Z == 0" }
`,
      runs,
      7,
    );
    const exact = extinctionByGeneration((x) => Math.exp(1.5 * (x - 1)), 30);
    // The limit q solves q = exp(1.5 (q - 1)): q ≈ 0.417188 (f^30(0) is within 1e-6 of it).
    assert.ok(Math.abs(exact[30]! - 0.417188) < 1e-5);
    const pBy = s.thresholds[0]!.pBy;
    for (let n = 1; n <= 30; n++) {
      const se = Math.sqrt((exact[n]! * (1 - exact[n]!)) / runs);
      assert.ok(
        Math.abs(pBy[n]! - exact[n]!) <= 4 * se,
        `generation ${n}: ${pBy[n]} vs ${exact[n]} (4 SE = ${4 * se})`,
      );
    }
  });

  it('Galton–Watson with Binomial(2, 0.6) offspring: q = (0.4/0.6)^2', async () => {
    const runs = 20_000;
    const s = await summaryOf(
      `${header(2040)}state:
  Z: { unit: individuals, initial: 1, min: 0 }
rules:
  generation: { target: Z, set: "rbinom(2 * Z, 0.6)", ${judgment} }
outputs:
  extinct: { kind: threshold, when: "Z == 0" }
`,
      runs,
      11,
    );
    const exact = extinctionByGeneration((x) => (0.4 + 0.6 * x) ** 2, 40);
    assert.ok(Math.abs(exact[40]! - (0.4 / 0.6) ** 2) < 1e-4);
    const p = s.thresholds[0]!.pBy[40]!;
    const se = Math.sqrt((exact[40]! * (1 - exact[40]!)) / runs);
    assert.ok(Math.abs(p - exact[40]!) <= 4 * se, `${p} vs ${exact[40]} (4 SE = ${4 * se})`);
  });

  it('linear birth–death process (λ = 2, μ = 1) from 2 individuals dies out with probability (μ/λ)^2', async () => {
    // The embedded jump chain: each event is a birth with probability λ/(λ+μ), else a death. After 400 events
    // the chance of a later extinction is below 1e-10 (the walk drifts up by 1/3 per event), so pBy at the end
    // estimates the eventual extinction probability (μ/λ)^n0 = 0.25 (Kendall 1948; Bailey 1964, ch. 8).
    const runs = 10_000;
    const s = await summaryOf(
      `${header(2400)}parameters:
  lambda: { value: 2, unit: 1/year, ${judgment} }
  mu: { value: 1, unit: 1/year, ${judgment} }
state:
  N: { unit: individuals, initial: 2, min: 0 }
rules:
  event: { target: N, add: "N > 0 ? 2 * rbern(lambda / (lambda + mu)) - 1 : 0", ${judgment} }
outputs:
  extinct: { kind: threshold, when: "N == 0" }
`,
      runs,
      3,
    );
    const p = s.thresholds[0]!.pBy.at(-1)!;
    const se = Math.sqrt((0.25 * 0.75) / runs);
    assert.ok(Math.abs(p - 0.25) <= 4 * se, `${p} vs 0.25 (4 SE = ${4 * se})`);
  });
});

describe('deterministic dynamics: closed forms', () => {
  it('x[k+1] = a·x[k] + b equals a^k·x0 + b(a^k − 1)/(a − 1) to 1e-12 relative', async () => {
    const data = await runText(
      `${header(2060)}parameters:
  a: { value: 1.05, unit: "1", ${judgment} }
  b: { value: 10, unit: people, ${judgment} }
state:
  x: { unit: people, initial: 100 }
rules:
  affine: { target: x, set: "a * x + b", ${judgment} }
outputs:
  x: { kind: series, expr: x, unit: people }
`,
      3,
    );
    for (let k = 0; k <= 60; k++) {
      const exact = 1.05 ** k * 100 + (10 * (1.05 ** k - 1)) / 0.05;
      for (const v of column(data, 0, k)) {
        // 60 multiply-adds accumulate at most ~60 ulps of rounding: 1e-12 relative is generous and tight enough.
        assert.ok(Math.abs(v - exact) / exact < 1e-12, `k=${k}: ${v} vs ${exact}`);
      }
    }
  });

  it('quarterly steps: dt = 0.25 and t is the decimal year', async () => {
    const data = await runText(
      `${header(2002, 'quarter')}state:
  clock: { unit: years, initial: 0 }
rules:
  tick: { target: clock, add: dt, ${judgment} }
outputs:
  clock: { kind: series, expr: clock, unit: years }
  year: { kind: series, expr: t, unit: year }
`,
      1,
    );
    assert.deepEqual(column(data, 0, 8), [2]);
    assert.deepEqual(column(data, 1, 5), [2001.25]);
  });
});

describe('randomness drawn once per run versus every step', () => {
  it('a parameter is constant within a run and has its distribution across runs', async () => {
    const runs = 20_000;
    const data = await runText(
      `${header(2010)}parameters:
  r: { value: 0.5, unit: fraction, uncertainty: { dist: uniform, min: 0.2, max: 0.6 }, ${judgment} }
state:
  x: { unit: "1", initial: 0 }
rules:
  follow: { target: x, set: r, ${judgment} }
outputs:
  r: { kind: series, expr: r, unit: fraction }
`,
      runs,
    );
    const first = column(data, 0, 0);
    const last = column(data, 0, 10);
    assert.deepEqual(first, last);
    // Uniform(0.2, 0.6): mean 0.4, variance 0.4²/12; SE of the mean = sd/√n.
    const se = Math.sqrt(0.16 / 12 / runs);
    assert.ok(Math.abs(mean(first) - 0.4) <= 4 * se, `mean ${mean(first)} vs 0.4 (4 SE = ${4 * se})`);
    // The spread: a uniform of width w has variance w²/12 and fourth central moment w⁴/80, so
    // Var(s²) ≈ (w⁴/80 − w⁴/144)/n = w⁴/(180 n). A parameter drawn once for all runs, or from a
    // narrower or wider range, misses by far more than 4 SE (about 2% of 0.0133).
    const v = variance(first);
    const seVar = 0.16 / Math.sqrt(180 * runs);
    assert.ok(Math.abs(v - 0.16 / 12) <= 4 * seVar, `variance ${v} vs ${0.16 / 12} (4 SE = ${4 * seVar})`);
    // The support: every draw lies in [0.2, 0.6], and both ends are reached. The least of n uniform draws
    // exceeds min + w·t with probability (1 − t)ⁿ ≈ e^(−nt); t = 10/n makes that e^(−10) ≈ 5e-5.
    const lo = Math.min(...first);
    const hi = Math.max(...first);
    assert.ok(lo >= 0.2 && hi <= 0.6, `draws in [${lo}, ${hi}] lie within [0.2, 0.6]`);
    const reach = (0.4 * 10) / runs;
    assert.ok(lo - 0.2 <= reach && 0.6 - hi <= reach, `draws in [${lo}, ${hi}] reach both ends`);
  });

  it('a random function in a rule draws afresh every step: a sum of T standard normals has variance T', async () => {
    const runs = 20_000;
    const data = await runText(
      `${header(2025)}state:
  w: { unit: "1", initial: 0 }
rules:
  walk: { target: w, add: "rnorm(0, 1)", ${judgment} }
outputs:
  w: { kind: series, expr: w, unit: "1" }
`,
      runs,
    );
    const v = variance(column(data, 0, 25));
    // SE of a normal sample variance: σ²·√(2/(n−1)).
    const se = 25 * Math.sqrt(2 / (runs - 1));
    assert.ok(Math.abs(v - 25) <= 4 * se, `${v} vs 25 (4 SE = ${4 * se})`);
  });

  it('rank correlation between parameters is imposed (Spearman within 4 SE)', async () => {
    const runs = 10_000;
    const data = await runText(
      `${header(2001)}parameters:
  a: { value: 0.5, unit: fraction, uncertainty: { dist: uniform, min: 0, max: 1 }, ${judgment} }
  b: { value: 5, unit: "1", uncertainty: { dist: triangular, min: 0, mode: 2, max: 10 }, ${judgment} }
correlations:
  - { between: [a, b], rank: 0.6 }
state:
  x: { unit: "1", initial: 0 }
outputs:
  a: { kind: series, expr: a, unit: fraction }
  b: { kind: series, expr: b, unit: "1" }
`,
      runs,
    );
    const rank = (xs: number[]) => {
      const order = xs.map((x, i) => [x, i] as const).sort((p, q) => p[0] - q[0]);
      const r = new Array<number>(xs.length);
      order.forEach(([, i], j) => {
        r[i] = j;
      });
      return r;
    };
    const ra = rank(column(data, 0, 0));
    const rb = rank(column(data, 1, 0));
    const ma = mean(ra);
    const cov = ra.reduce((s, x, i) => s + (x - ma) * (rb[i]! - ma), 0) / (runs - 1);
    const rho = cov / variance(ra);
    // Approximate SE of Spearman's rho: (1 − ρ²)/√(n − 1).
    const se = (1 - 0.36) / Math.sqrt(runs - 1);
    assert.ok(Math.abs(rho - 0.6) <= 4 * se, `${rho} vs 0.6 (4 SE = ${4 * se})`);
  });
});

describe('events', () => {
  it('a constant per-step hazard gives a geometric time to event: P(by k) = 1 − (1 − p)^k', async () => {
    const runs = 20_000;
    const s = await summaryOf(
      `${header(2020)}state:
  x: { unit: "1", initial: 0 }
events:
  shock: { probability: 0.1, effects: { x: 1 }, ${judgment} }
`,
      runs,
    );
    const pBy = s.events[0]!.pBy;
    for (const k of [1, 5, 10, 20]) {
      const exact = 1 - 0.9 ** k;
      const se = Math.sqrt((exact * (1 - exact)) / runs);
      assert.ok(Math.abs(pBy[k]! - exact) <= 4 * se, `k=${k}: ${pBy[k]} vs ${exact}`);
    }
  });
});
