/**
 * `npm run bench`: throughput of the engine on the reference workload (models/logistic-reference.yaml),
 * beside the same workload as a hand-written TypeScript loop and as a naive loop calling mathjs `evaluate`
 * every step. Prints runs per second (median of three), ratios, and peak memory of 100,000 runs; then the
 * Central Asia model (centralAsia.ts) and whole-process figures of both (wholeProcess.ts). Figures go in
 * docs/performance.md, never into timed test assertions.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, evaluate } from 'mathjs';
import { runCli } from '../src/cli/program.js';
import { HALF_STEP } from '../src/engine/runBlock.js';
import { simulate } from '../src/engine/simulate.js';
import { prepare } from '../src/pipeline.js';
import { rnorm } from '../src/random/samplers.js';
import { drawUniform, nameKey, runStream, STREAM_RULES, seedKey } from '../src/random/stream.js';
import { benchCentralAsia, SCENARIO } from './centralAsia.js';
import { benchSobol } from './sobol.js';
import { cpuSeconds, peakMemoryMiB, wholeProcess } from './wholeProcess.js';

const MODEL = fileURLToPath(new URL('../../models/logistic-reference.yaml', import.meta.url));
const STEPS = 40;
const SEED = 1;

const R_KEY = nameKey('parameter', 'r');
const K_KEY = nameKey('parameter', 'K');

/** The reference workload by hand, drawing exactly the numbers the engine draws (same keys, same streams). */
function handWritten(runs: number): Float64Array {
  const key = seedKey(SEED);
  const out = new Float64Array(runs * (STEPS + 1));
  for (let run = 0; run < runs; run++) {
    const ur = runStream(key, run, STREAM_RULES);
    const r = 0.05 + (0.15 - 0.05) * (drawUniform(key, run, R_KEY) + HALF_STEP);
    const K = 500 + (1500 - 500) * (drawUniform(key, run, K_KEY) + HALF_STEP);
    let S = 100;
    const o = run * (STEPS + 1);
    out[o] = S;
    for (let k = 0; k < STEPS; k++) {
      S += S * r * (1 - S / K) - 0.02 * S + rnorm(ur, 0, 5);
      out[o + k + 1] = S;
    }
  }
  return out;
}

const RULE = 'S + S * r * (1 - S / K) - 0.02 * S + noise';
type Scope = { S: number; r: number; K: number; noise: number };

/** The reference workload with mathjs evaluating the rule every step (`step` evaluates RULE in a scope). */
function mathjsLoop(runs: number, step: (scope: Scope) => number): number {
  const key = seedKey(SEED);
  let last = 0;
  for (let run = 0; run < runs; run++) {
    const ur = runStream(key, run, STREAM_RULES);
    const r = 0.05 + 0.1 * drawUniform(key, run, R_KEY);
    const scope = { S: 100, r, K: 500 + 1000 * drawUniform(key, run, K_KEY), noise: 0 };
    for (let k = 0; k < STEPS; k++) {
      scope.noise = rnorm(ur, 0, 5);
      scope.S = step(scope);
    }
    last = scope.S;
  }
  return last;
}

/** Naive: mathjs parses and evaluates the rule's text every step. */
const naiveMathjs = (runs: number) => mathjsLoop(runs, (scope) => evaluate(RULE, scope) as number);

/** mathjs compiles the rule once and evaluates it every step. */
function compiledMathjs(runs: number): number {
  const rule = compile(RULE);
  return mathjsLoop(runs, (scope) => rule.evaluate(scope) as number);
}

async function time(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

async function medianRate(runs: number, fn: () => unknown): Promise<number> {
  const rates: number[] = [];
  for (let i = 0; i < 3; i++) rates.push(runs / (await time(fn)));
  rates.sort((a, b) => a - b);
  return rates[1]!;
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

async function memoryProbe(): Promise<void> {
  const prepared = prepare(MODEL, { runs: 100_000 });
  await simulate(prepared.plan, { runs: 100_000, seed: SEED, workers: Math.min(2, availableParallelism()) });
  console.log(JSON.stringify({ maxRssMiB: peakMemoryMiB() }));
}

/** Child modes for whole-process figures: the CLI itself, or the hand-written loop on its own. */
async function child(mode: string, args: string[]): Promise<void> {
  if (mode === '--cli') {
    const quiet = () => undefined;
    const code = await runCli(args, { stdout: quiet, stderr: quiet, isTTY: false, cwd: process.cwd() });
    if (code !== 0) throw new Error(`oxus ${args.join(' ')} exited with ${code}`);
    const out = args[args.indexOf('--out') + 1];
    console.log(JSON.stringify({ peakMiB: peakMemoryMiB(), cpu: cpuSeconds(), out }));
  } else {
    const out = handWritten(Number(args[0]));
    console.log(JSON.stringify({ peakMiB: peakMemoryMiB(), cpu: cpuSeconds(), last: out[out.length - 1] }));
  }
}

const SELF = fileURLToPath(import.meta.url);

/** Whole-process jobs, three interleaved rounds: the reference workload beside the hand-written loop, and the Central Asia model. */
function benchWholeProcess() {
  const dir = mkdtempSync(join(tmpdir(), 'oxus-bench-'));
  const refRuns = 1_000_000;
  const caRuns = 100_000;
  const rounds = [0, 1, 2].map(() => {
    const hand = wholeProcess(SELF, ['--hand', String(refRuns)]);
    const ref = wholeProcess(SELF, [
      '--cli',
      'run',
      MODEL,
      '--runs',
      String(refRuns),
      '--workers',
      '1',
      '--format',
      'json',
      '--out',
      join(dir, 'ref.json'),
    ]);
    const ca = wholeProcess(SELF, [
      '--cli',
      'run',
      SCENARIO,
      '--runs',
      String(caRuns),
      '--workers',
      '2',
      '--format',
      'json',
      '--out',
      join(dir, 'ca.json'),
    ]);
    return { hand, ref, ca, ratio: hand.seconds / ref.seconds };
  });
  const med = (f: (r: (typeof rounds)[number]) => number) => [...rounds.map(f)].sort((a, b) => a - b)[1]!;
  return {
    refRuns,
    caRuns,
    hand: med((r) => r.hand.seconds),
    handCpu: med((r) => r.hand.cpuSeconds),
    ref: med((r) => r.ref.seconds),
    refCpu: med((r) => r.ref.cpuSeconds),
    caCpu: med((r) => r.ca.cpuSeconds),
    refPeak: med((r) => r.ref.peakMiB),
    refBytes: rounds[0]!.ref.bytes,
    ratio: med((r) => r.ratio),
    ca: med((r) => r.ca.seconds),
    caPeak: med((r) => r.ca.peakMiB),
    caBytes: rounds[0]!.ca.bytes,
    perRound: rounds
      .map(
        (r) =>
          `${r.hand.seconds.toFixed(1)} / ${r.ref.seconds.toFixed(1)} / ${r.ca.seconds.toFixed(1)} s wall (${r.hand.cpuSeconds.toFixed(1)} / ${r.ref.cpuSeconds.toFixed(1)} / ${r.ca.cpuSeconds.toFixed(1)} s CPU)`,
      )
      .join('; '),
  };
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode === '--memory') return memoryProbe();
  if (mode === '--cli' || mode === '--hand') return child(mode, process.argv.slice(3));
  const prepared = prepare(MODEL);
  const plan = prepared.plan;
  const cores = availableParallelism();
  console.log(
    `oxus bench: reference workload (1 stock, ${STEPS} steps, 2 parameters drawn once per run, 1 normal draw per step)`,
  );
  console.log(
    `machine: ${cores} cores, node ${process.version}, load average ${loadavg()[0]!.toFixed(2)} at the start; each figure is the median of three interleaved rounds`,
  );

  // Warm up, and check that the hand-written loop reproduces the engine bit for bit.
  const check = await simulate(plan, { runs: 2000, seed: SEED, workers: 0 });
  const hand = handWritten(2000);
  // Lengths first: an empty or truncated result would agree with any prefix of the hand-written one.
  // The model records the stock (a series, channel 0) and a threshold on it; the loop computes the stock.
  const engine = check.records.channel(0);
  const same =
    check.records.kinds.length === plan.channels.length &&
    plan.channels[0]?.kind === 'series' &&
    plan.channels[0].output === 'stock' &&
    engine.length === 2000 * (STEPS + 1) &&
    engine.length === hand.length &&
    engine.every((v, i) => Object.is(v, hand[i]));

  // Three rounds, each measuring every variant in turn, so a burst of load on the machine hits all of them;
  // each figure is the median over rounds, and so is each ratio (taken within a round).
  const N = 200_000;
  const variants = {
    hand: [N, () => handWritten(N)],
    inThread: [N, () => simulate(plan, { runs: N, seed: SEED, workers: 0, chunk: 4096 })],
    one: [N, () => simulate(plan, { runs: N, seed: SEED, workers: 1, chunk: 4096 })],
    two: [2 * N, () => simulate(plan, { runs: 2 * N, seed: SEED, workers: Math.min(2, cores), chunk: 4096 })],
  } as const;
  const rounds: Record<keyof typeof variants, number>[] = [];
  for (let i = 0; i < 3; i++) {
    const round = { hand: 0, inThread: 0, one: 0, two: 0 };
    for (const [name, [runs, fn]] of Object.entries(variants))
      round[name as keyof typeof variants] = runs / (await time(fn));
    rounds.push(round);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
  const handRate = median(rounds.map((r) => r.hand));
  const inThread = median(rounds.map((r) => r.inThread));
  const one = median(rounds.map((r) => r.one));
  const two = median(rounds.map((r) => r.two));
  const oneRatio = median(rounds.map((r) => r.one / r.hand));
  const inThreadRatio = median(rounds.map((r) => r.inThread / r.hand));
  const twoRatio = median(rounds.map((r) => r.two / r.one));
  const M = 5000;
  const naive = await medianRate(M, () => naiveMathjs(M));
  const compiled = await medianRate(4 * M, () => compiledMathjs(4 * M));
  const memory = JSON.parse(
    execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--memory'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop()!,
  ) as { maxRssMiB: number };

  const rows: [string, string, string][] = [
    ['hand-written TypeScript loop (1 core)', fmt(handRate), '1.00 × hand-written'],
    ['oxus engine, in the calling thread', fmt(inThread), `${inThreadRatio.toFixed(2)} × hand-written`],
    ['oxus engine, 1 worker', fmt(one), `${oneRatio.toFixed(2)} × hand-written`],
    ['oxus engine, 2 workers', fmt(two), `${twoRatio.toFixed(2)} × 1 worker`],
    [
      'mathjs: compile once, evaluate each step',
      fmt(compiled),
      `${(compiled / handRate).toFixed(3)} × hand-written`,
    ],
    ['naive mathjs evaluate() every step', fmt(naive), `${(naive / handRate).toFixed(3)} × hand-written`],
  ];
  console.log('');
  for (const [name, rate, ratio] of rows)
    console.log(`${name.padEnd(40)} ${rate.padStart(10)} runs/s   ${ratio}`);
  console.log('');
  console.log(`hand-written loop reproduces the engine bit for bit: ${same ? 'yes' : 'NO'}`);
  console.log(
    `peak memory, 100,000 runs × ${STEPS} steps on 2 workers (whole process, peak RSS): ${memory.maxRssMiB.toFixed(0)} MiB`,
  );
  console.log(
    `targets: engine on 1 worker ≥ 0.50 × hand-written: ${oneRatio >= 0.5 ? 'met' : 'NOT met'}; 2 workers ≥ 1.7 × 1 worker: ${twoRatio >= 1.7 ? 'met' : 'NOT met'}; 100,000 runs < 1 GiB: ${memory.maxRssMiB < 1024 ? 'met' : 'NOT met'}`,
  );
  const perRound = rounds.map((r) => `${fmt(r.hand)} / ${fmt(r.one)} / ${fmt(r.two)}`).join('; ');
  console.log(`rounds (hand-written / 1 worker / 2 workers, runs/s): ${perRound}`);

  const ca = await benchCentralAsia();
  console.log('');
  console.log(
    `Central Asia model, scenarios/baseline-2016.yaml (${ca.runs.toLocaleString('en-US')} runs a job)`,
  );
  const cpu = (us: number) => `${us.toFixed(0)} µs CPU a run`;
  console.log(`oxus engine, 1 worker ${fmt(ca.oneWorker).padStart(27)} runs/s   ${cpu(ca.cpuPerRun.one)}`);
  console.log(
    `oxus engine, 2 workers ${fmt(ca.twoWorkers).padStart(26)} runs/s   ${cpu(ca.cpuPerRun.two)}; ${(ca.twoWorkers / ca.oneWorker).toFixed(2)} × 1 worker`,
  );
  const { draws, steps, summaries, serialisation } = ca.split;
  const total = draws + steps + summaries + serialisation;
  const part = (x: number) => `${(x * 1000).toFixed(1)} ms (${((x / total) * 100).toFixed(0)}%)`;
  console.log(
    `one thread, per 1,000 runs: parameter draws ${part(draws)}, steps ${part(steps)}, summaries ${part(summaries)}, JSON ${part(serialisation)}`,
  );
  console.log(
    `default JSON: ${(ca.jsonBytesPerRun * 1000).toFixed(0)} bytes per 1,000 runs at ${ca.runs.toLocaleString('en-US')} runs (the summary's size barely grows with runs)`,
  );

  const whole = benchWholeProcess();
  const mib = (b: number) =>
    b < 2 ** 20 ? `${(b / 1024).toFixed(0)} KiB` : `${(b / 2 ** 20).toFixed(1)} MiB`;
  console.log('');
  console.log(
    'whole process (a fresh node process per job: start-up, simulation, summaries, JSON written to a file)',
  );
  console.log(
    `reference workload, ${whole.refRuns.toLocaleString('en-US')} runs, 1 worker: ${whole.ref.toFixed(2)} s wall (${whole.refCpu.toFixed(2)} s CPU), peak ${whole.refPeak.toFixed(0)} MiB, JSON ${mib(whole.refBytes)}; hand-written loop alone: ${whole.hand.toFixed(2)} s wall (${whole.handCpu.toFixed(2)} s CPU); oxus throughput ${whole.ratio.toFixed(2)} × hand-written`,
  );
  console.log(
    `Central Asia model, ${whole.caRuns.toLocaleString('en-US')} runs, 2 workers: ${whole.ca.toFixed(2)} s wall (${whole.caCpu.toFixed(2)} s CPU, user + system, all threads), peak ${whole.caPeak.toFixed(0)} MiB, JSON ${mib(whole.caBytes)}`,
  );
  console.log(`rounds (hand-written / reference / Central Asia): ${whole.perRound}`);
  const sobol = await benchSobol(256);
  console.log('');
  console.log(
    `grouped Sobol analysis of the Central Asia model (IBB strength at 2026Q2, ${sobol.factors} driver families, N = 256): ${sobol.evaluations.toLocaleString('en-US')} evaluations in ${sobol.seconds.toFixed(1)} s (${fmt(sobol.evaluations / sobol.seconds)} evaluations/s, default workers)`,
  );
  console.log(
    `targets: reference ≥ 0.50 × hand-written whole-process: ${whole.ratio >= 0.5 ? 'met' : 'NOT met'}; Central Asia ≤ 4 s: ${whole.ca <= 4 ? 'met' : 'NOT met'}, ≤ 1 GiB: ${whole.caPeak <= 1024 ? 'met' : 'NOT met'}, JSON ≤ 10 MB: ${whole.caBytes <= 10e6 ? 'met' : 'NOT met'}`,
  );
}

await main();
