/**
 * The Central Asia model (`scenarios/baseline-2016.yaml`) in the bench: engine runs/s on 1 and 2 workers, and
 * the time of one in-thread job split into parameter draws, steps, summaries and serialisation.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { summarize } from '../src/analysis/summarize.js';
import type { Plan } from '../src/compile/plan.js';
import { HALF_STEP } from '../src/engine/runBlock.js';
import { simulate } from '../src/engine/simulate.js';
import { prepare, resultOf } from '../src/pipeline.js';
import { truncatedQuantile } from '../src/random/distributions.js';
import { drawUniform, nameKey, seedKey } from '../src/random/stream.js';

export const SCENARIO = fileURLToPath(new URL('../../scenarios/baseline-2016.yaml', import.meta.url));

async function seconds(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Every run's parameter and initial-value draws alone: the quantile function of each declaration's keyed
 * uniform, as the engine computes them (without the copula, which the bundled scenario does not use).
 */
function drawsOnly(plan: Plan, seed: number | string, runs: number): number {
  const key = seedKey(seed);
  const params = plan.params.filter((s) => s.dist).map((s) => ({ s, name: nameKey('parameter', s.name) }));
  const initials = plan.state.flatMap((s) =>
    s.initial.kind === 'dist' ? [{ init: s.initial, name: nameKey('initial', s.name) }] : [],
  );
  let sum = 0;
  for (let r = 0; r < runs; r++) {
    for (const { s, name } of params)
      sum += truncatedQuantile(s.dist!, drawUniform(key, r, name) + HALF_STEP, s.lo, s.hi);
    for (const { init, name } of initials)
      sum += truncatedQuantile(init.dist, drawUniform(key, r, name) + HALF_STEP, init.lo, init.hi);
  }
  return sum;
}

export interface CentralAsiaFigures {
  readonly runs: number;
  readonly oneWorker: number;
  readonly twoWorkers: number;
  /** Seconds per 1,000 runs in the calling thread. */
  readonly split: { draws: number; steps: number; summaries: number; serialisation: number };
  readonly jsonBytesPerRun: number;
}

/** Three interleaved rounds; each figure is the median over rounds. */
export async function benchCentralAsia(runs = 5000): Promise<CentralAsiaFigures> {
  const prepared = prepare(SCENARIO, { runs });
  const { plan, seed } = prepared;
  const cores = Math.min(2, availableParallelism());
  await simulate(plan, { runs: 500, seed, workers: cores }); // start and warm the workers
  const rounds: { one: number; two: number; draws: number; sim: number; sum: number; ser: number }[] = [];
  let jsonBytes = 0;
  for (let i = 0; i < 3; i++) {
    const one = runs / (await seconds(() => simulate(plan, { runs, seed, workers: 1 })));
    const two = runs / (await seconds(() => simulate(plan, { runs, seed, workers: cores })));
    const draws = await seconds(() => drawsOnly(plan, seed, runs));
    let data: Awaited<ReturnType<typeof simulate>> | undefined;
    const sim = await seconds(async () => {
      data = await simulate(plan, { runs, seed, workers: 0 });
    });
    const sum = await seconds(() => summarize(data!));
    const result = resultOf(prepared, data!);
    const ser = await seconds(() => {
      jsonBytes = JSON.stringify(result, null, 1).length;
    });
    rounds.push({ one, two, draws, sim, sum, ser });
  }
  const per1000 = (s: number) => (s / runs) * 1000;
  return {
    runs,
    oneWorker: median(rounds.map((r) => r.one)),
    twoWorkers: median(rounds.map((r) => r.two)),
    split: {
      draws: per1000(median(rounds.map((r) => r.draws))),
      steps: per1000(median(rounds.map((r) => r.sim - r.draws))),
      summaries: per1000(median(rounds.map((r) => r.sum))),
      serialisation: per1000(median(rounds.map((r) => r.ser))),
    },
    jsonBytesPerRun: jsonBytes / runs,
  };
}
