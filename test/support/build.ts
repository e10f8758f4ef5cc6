/** Test helpers: build and run models written inline as YAML text. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { summarize } from '../../src/analysis/summarize.js';
import { buildPlan } from '../../src/compile/buildPlan.js';
import type { Plan } from '../../src/compile/plan.js';
import type { ChannelValues } from '../../src/engine/records.js';
import { type RunData, simulate } from '../../src/engine/simulate.js';
import type { Problem } from '../../src/errors.js';
import { parseModel } from '../../src/model/load.js';

/** The repository root (tests run from dist/test/…). */
export const ROOT = resolve(new URL('../../../', import.meta.url).pathname);

export const repoPath = (...parts: string[]) => resolve(ROOT, ...parts);
export const readRepo = (...parts: string[]) => readFileSync(repoPath(...parts), 'utf8');

/** Problems of a model given as text (shape and semantic checks). */
export function problemsOf(text: string, file = 'inline.yaml'): Problem[] {
  const parsed = parseModel(text, file);
  if (!parsed.model) return parsed.problems;
  return [...parsed.problems, ...buildPlan(parsed.model).problems];
}

/** Builds a model given as text; fails the test with every problem if it does not build. */
export function planOf(text: string): Plan {
  const parsed = parseModel(text, 'inline.yaml');
  if (!parsed.model || parsed.problems.length)
    throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  const built = buildPlan(parsed.model);
  if (!built.plan) throw new Error(built.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return built.plan;
}

/** Runs a model given as text in this thread. */
export async function runText(
  text: string,
  runs: number,
  seed: number | string = 1,
  workers = 0,
): Promise<RunData> {
  return simulate(planOf(text), { runs, seed, workers });
}

export async function summaryOf(text: string, runs: number, seed: number | string = 1) {
  return summarize(await runText(text, runs, seed));
}

/** Every channel's records in the engine's run-major layout (`[c][r · points + k]`). */
export function channelsOf(data: RunData): ChannelValues[] {
  return data.plan.channels.map((_, c) => data.records.channel(c));
}

/** Per-run values of channel `c` at point `k`. */
export function column(data: RunData, c: number, k: number): number[] {
  return Array.from(data.records.column(c, k));
}

export const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Sample variance (n - 1 denominator). */
export const variance = (xs: readonly number[]) => {
  const m = mean(xs);
  return xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
};
