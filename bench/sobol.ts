/**
 * The cost of a grouped Sobol analysis of the Central Asia model in the bench: `oxus sensitivity
 * scenarios/baseline-2016.yaml --output strength --member IBB --at 2026Q2 --method sobol --group-by
 * family` (52 driver families of 146 uncertain entries, 51 factors once the correlated pair is one group) with N base rows, timed end to end (design, simulation of N·(k + 2) evaluations on the default
 * workers, indices and their bootstrap intervals at every date).
 */
import { prepare } from '../src/pipeline.js';
import { executeSensitivity } from '../src/sensitivity.js';
import { SCENARIO } from './centralAsia.js';

export async function benchSobol(
  N: number,
): Promise<{ factors: number; evaluations: number; seconds: number }> {
  const prepared = prepare(SCENARIO);
  const t0 = performance.now();
  const r = await executeSensitivity(prepared, {
    method: 'sobol',
    output: 'strength',
    member: 'IBB',
    at: '2026Q2',
    samples: N,
    groupBy: 'family',
  });
  return { factors: r.parameters.length, evaluations: r.runs, seconds: (performance.now() - t0) / 1000 };
}
