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
import { truncatedQuantileOf } from '../src/random/distributions.js';
import { drawUniform, nameKey, seedKey } from '../src/random/stream.js';

export const SCENARIO = fileURLToPath(new URL('../../scenarios/baseline-2016.yaml', import.meta.url));

async function seconds(fn: () => unknown): Promise<number> {
  return (await timed(fn)).wall;
}

/** Wall and CPU seconds (user + system of the whole process, worker threads included) of one job. */
async function timed(fn: () => unknown): Promise<{ wall: number; cpu: number }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await fn();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Every run's parameter and initial-value draws alone: the quantile function of each declaration's keyed
 * uniform, as the engine computes them (without the copula, which the bundled scenario does not use).
 */
function drawsOnly(plan: Plan, seed: number | string, runs: number): number {
  const key = seedKey(seed);
  const params = plan.params.flatMap((s) =>
    s.dist ? [{ q: truncatedQuantileOf(s.dist, s.lo, s.hi), name: nameKey('parameter', s.name) }] : [],
  );
  const initials = plan.state.flatMap(({ initial: v, name }) =>
    v.kind === 'dist' ? [{ q: truncatedQuantileOf(v.dist, v.lo, v.hi), name: nameKey('initial', name) }] : [],
  );
  const all = [...params, ...initials];
  let sum = 0;
  for (let r = 0; r < runs; r++)
    for (const { q, name } of all) sum += q(drawUniform(key, r, name) + HALF_STEP);
  return sum;
}

export interface CentralAsiaFigures {
  readonly runs: number;
  readonly oneWorker: number;
  readonly twoWorkers: number;
  /** CPU microseconds a run (all threads) on 1 and 2 workers. */
  readonly cpuPerRun: { readonly one: number; readonly two: number };
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
  const rounds: {
    one: number;
    two: number;
    cpuOne: number;
    cpuTwo: number;
    draws: number;
    sim: number;
    sum: number;
    ser: number;
  }[] = [];
  let jsonBytes = 0;
  for (let i = 0; i < 3; i++) {
    const oneJob = await timed(() => simulate(plan, { runs, seed, workers: 1 }));
    const twoJob = await timed(() => simulate(plan, { runs, seed, workers: cores }));
    const [one, two] = [runs / oneJob.wall, runs / twoJob.wall];
    const [cpuOne, cpuTwo] = [(oneJob.cpu / runs) * 1e6, (twoJob.cpu / runs) * 1e6];
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
    rounds.push({ one, two, cpuOne, cpuTwo, draws, sim, sum, ser });
  }
  const per1000 = (s: number) => (s / runs) * 1000;
  return {
    runs,
    oneWorker: median(rounds.map((r) => r.one)),
    twoWorkers: median(rounds.map((r) => r.two)),
    cpuPerRun: { one: median(rounds.map((r) => r.cpuOne)), two: median(rounds.map((r) => r.cpuTwo)) },
    split: {
      draws: per1000(median(rounds.map((r) => r.draws))),
      steps: per1000(median(rounds.map((r) => r.sim - r.draws))),
      summaries: per1000(median(rounds.map((r) => r.sum))),
      serialisation: per1000(median(rounds.map((r) => r.ser))),
    },
    jsonBytesPerRun: jsonBytes / runs,
  };
}
