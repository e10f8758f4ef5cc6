/**
 * The pipeline behind `oxus futures` and its endpoint: alternative futures as a 2×2. The scenario's runs,
 * then the same runs in each of the four futures (teach/futures.ts: each driver's slot set to its low or
 * high setting, every other number shared run by run), one output at one date in each, and the paired
 * differences between them. Library code: it throws typed errors, never prints.
 */
import { outputColumns } from './analysis/sensitivity/factors.js';
import { type AnalysisRunOptions, numericTargetOf } from './analysisTarget.js';
import { parameterTable } from './engine/runBlock.js';
import { simulate } from './engine/simulate.js';
import { type Prepared, type Receipt, receiptOf } from './pipeline.js';
import {
  type Driver,
  type DriverRequest,
  type FutureEffects,
  futureEffects,
  futurePlan,
  futureShares,
  futuresDrivers,
  LEVELS,
  type Level,
} from './teach/futures.js';
import { type Outcome, outcomeOf } from './teach/outcome.js';

export interface FuturesRequest {
  readonly output: string;
  readonly member?: string;
  readonly at: string;
  /** Driver A, then driver B. */
  readonly drivers: readonly DriverRequest[];
}

export interface Future {
  /** Driver A's level, then B's. */
  readonly levels: readonly [Level, Level];
  readonly receipt: Receipt;
  /** The share of the scenario's own runs whose drivers drew this future's halves (null for values). */
  readonly share: number | null;
  readonly outcome: Outcome;
}

export interface FuturesResult {
  readonly format: 'oxus-futures/1';
  readonly receipt: Receipt;
  readonly question: string | null;
  readonly output: string;
  readonly member?: string;
  readonly label: string;
  readonly unit?: string;
  readonly kind: 'series' | 'threshold' | 'event';
  readonly at: string;
  readonly runs: number;
  readonly drivers: readonly [Driver, Driver];
  /** The scenario's own runs, all drivers as drawn. */
  readonly all: Outcome;
  /** Low-low, low-high, high-low, high-high (driver A's level first). */
  readonly futures: readonly Future[];
  readonly effects: FutureEffects;
  /** What the reader should know about how the futures were made (correlated drivers). */
  readonly notes: readonly string[];
}

/** Runs the scenario and its four futures. */
export async function executeFutures(
  p: Prepared,
  request: FuturesRequest,
  options: AnalysisRunOptions = {},
): Promise<FuturesResult> {
  const { channel, c, point } = numericTargetOf(p, request);
  const drivers = futuresDrivers(p.plan, request.drivers);
  const column = async (q: Prepared) => {
    const data = await simulate(q.plan, { ...options, runs: q.runs, seed: q.seed });
    return outputColumns(data, channel)[point]!;
  };
  const indicator = c.kind !== 'series';
  const all = await column(p);
  const futures: Future[] = [];
  const columns: Float64Array[] = [];
  for (const a of LEVELS) {
    for (const b of LEVELS) {
      const q: Prepared = { ...p, plan: futurePlan(p.plan, drivers, [a, b]) };
      const y = await column(q);
      columns.push(y);
      futures.push({ levels: [a, b], receipt: receiptOf(q), share: null, outcome: outcomeOf(y, indicator) });
    }
  }
  const table = parameterTable(p.plan, p.seed, 0, p.runs);
  const drawn = (slot: number) => table.values[table.slots.indexOf(slot)]!;
  const shares = futureShares(drivers, drawn, p.runs);
  const correlated = new Set(p.plan.copula?.slots ?? []);
  const notes = drivers.flatMap((d) =>
    d.driver.setting === 'halves' && d.indices.some((i) => correlated.has(i))
      ? [
          `${d.driver.name} is correlated with other parameters (the model's correlations): the futures split it alone, so the parameters correlated with it keep their own prior in each future rather than shifting with it`,
        ]
      : [],
  );
  return {
    format: 'oxus-futures/1',
    receipt: receiptOf(p),
    question: p.scenario?.question ?? null,
    output: c.output,
    ...(c.member !== undefined ? { member: c.member } : {}),
    label: c.label,
    ...(c.unit !== undefined ? { unit: c.unit } : {}),
    kind: c.kind,
    at: request.at,
    runs: p.runs,
    drivers: [drivers[0].driver, drivers[1].driver],
    all: outcomeOf(all, indicator),
    futures: futures.map((f, i) => ({ ...f, share: shares?.[i] ?? null })),
    effects: futureEffects(columns),
    notes,
  };
}
