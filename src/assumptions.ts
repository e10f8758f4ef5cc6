/**
 * The pipeline behind `oxus assumptions` and its endpoint: a key assumptions check of a scenario for one
 * output at one date (its question made operational). The ranks are those of `executeSensitivity` with
 * method `rank` on the scenario's own runs and seed; the re-run on graded evidence only spreads the
 * judgment-only parameters over their allowed ranges and compares, run by run, with the scenario.
 * Library code: it throws typed errors, never prints.
 */
import { type Comparison, compareRuns } from './analysis/compare.js';
import { findChannel, outputColumns } from './analysis/sensitivity/factors.js';
import { type SimulateOptions, simulate } from './engine/simulate.js';
import { type Prepared, type Receipt, receiptOf } from './pipeline.js';
import { executeSensitivity } from './sensitivity.js';
import { spreadJudgment } from './teach/gradedOnly.js';
import { type AssumptionRow, keyAssumptions, sensitiveAt } from './teach/keyAssumptions.js';
import { type Outcome, outcomeOf } from './teach/outcome.js';
import { axisLabels } from './time/period.js';

export interface AssumptionsRequest {
  readonly output: string;
  readonly member?: string;
  readonly at: string;
}

export interface AssumptionsResult {
  readonly format: 'oxus-assumptions/1';
  readonly receipt: Receipt;
  /** The scenario's question in words (null for a model on its defaults), and the output it is read as. */
  readonly question: string | null;
  readonly output: string;
  readonly member?: string;
  readonly at: string;
  readonly runs: number;
  /** |ρ| from which a parameter counts as sensitive. */
  readonly sensitiveAt: number;
  readonly parameters: AssumptionRow[];
  readonly gradedOnly: {
    readonly receipt: Receipt;
    readonly spread: readonly string[];
    readonly kept: readonly { readonly name: string; readonly why: string }[];
    readonly scenario: Outcome;
    readonly gradedOnly: Outcome;
    /** Run by run, graded-only (B) against the scenario (A). */
    readonly difference: Comparison;
  };
}

/** The scenario's parameters it sets, and those it schedules, by the names it writes. */
function scenarioNames(p: Prepared) {
  return {
    set: new Set(p.scenario?.parameters.keys() ?? []),
    scheduled: new Set(p.scenario?.schedules.keys() ?? []),
  };
}

/** Runs the check. */
export async function executeAssumptions(
  p: Prepared,
  request: AssumptionsRequest,
  options: Omit<SimulateOptions, 'runs' | 'seed' | 'design'> = {},
): Promise<AssumptionsResult> {
  const sensitivity = await executeSensitivity(p, { method: 'rank', ...request }, options);
  const factors = sensitivity.parameters.map((f) => ({ name: f.name, rho: f.rho as number }));
  const rows = keyAssumptions(p.plan, p.model.file, factors, p.runs, scenarioNames(p));
  const spread = spreadJudgment(p.plan, rows);
  const spreadPrepared: Prepared = { ...p, plan: spread.plan };
  const sim = (q: Prepared) => simulate(q.plan, { ...options, runs: q.runs, seed: q.seed });
  const base = await sim(p);
  const judged = await sim(spreadPrepared);
  const channel = findChannel(p.plan, request.output, request.member);
  const point = axisLabels(p.plan.axis).indexOf(request.at);
  const indicator = p.plan.channels[channel]!.kind !== 'series';
  const at = (data: typeof base) => outcomeOf(outputColumns(data, channel)[point]!, indicator);
  const c = p.plan.channels[channel]!;
  const [difference] = compareRuns(base, judged, {
    output: request.output,
    ...(c.member !== undefined ? { member: c.member } : {}),
    dates: [request.at],
  }).filter((x) => x.member === c.member);
  return {
    format: 'oxus-assumptions/1',
    receipt: sensitivity.receipt,
    question: p.scenario?.question ?? null,
    output: request.output,
    ...(c.member !== undefined ? { member: c.member } : {}),
    at: request.at,
    runs: p.runs,
    sensitiveAt: sensitiveAt(p.runs),
    parameters: rows,
    gradedOnly: {
      receipt: receiptOf(spreadPrepared),
      spread: spread.spread,
      kept: spread.kept,
      scenario: at(base),
      gradedOnly: at(judged),
      difference: difference!,
    },
  };
}
