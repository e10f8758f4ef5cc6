/**
 * The pipeline behind `oxus compare` and the compare endpoint: two scenarios (or two versions of a model)
 * simulated with the same seed and run count, so run i of each shares its random numbers, then compared run
 * by run. Library code: it throws typed errors, never prints.
 */

import { type Comparison, compareRuns } from './analysis/compare.js';
import { didYouMean, oneOf } from './didYouMean.js';
import type { SimulateOptions } from './engine/simulate.js';
import { AnalysisError } from './errors.js';
import { type Prepared, type Receipt, receiptOf, simulatePrepared } from './pipeline.js';
import { axisLabels } from './time/period.js';

export interface CompareRequest {
  readonly output?: string;
  readonly member?: string;
  /** Dates to compare at; default: A's snapshot dates. */
  readonly at?: readonly string[];
}

export interface CompareResult {
  readonly format: 'oxus-compare/1';
  readonly receipts: { readonly a: Receipt; readonly b: Receipt };
  /** The sides' names (scenario, else model) and questions. */
  readonly names: { readonly a: string; readonly b: string };
  readonly questions: { readonly a: string | null; readonly b: string | null };
  readonly comparisons: Comparison[];
}

/** The name a side is shown by: its scenario's, else its model's. */
export const sideName = (p: Prepared): string => p.scenario?.name ?? p.plan.model;

/** Checks the request against A's plan: the output and member exist, the dates are on its axis. */
export function checkCompareRequest(a: Prepared, request: CompareRequest): void {
  const channels = a.plan.channels.filter((c) => c.kind !== 'leader');
  if (request.output !== undefined && !channels.some((c) => c.output === request.output)) {
    const names = [...new Set(channels.map((c) => c.output))];
    throw new AnalysisError(
      'E_UNKNOWN_OUTPUT',
      `${sideName(a)} has no output, threshold or event '${request.output}': expected ${oneOf(names)}${didYouMean(request.output, names)}`,
    );
  }
  if (request.member !== undefined) {
    const members = [
      ...new Set(
        channels
          .filter((c) => request.output === undefined || c.output === request.output)
          .map((c) => c.member),
      ),
    ].filter((m) => m !== undefined);
    if (!members.includes(request.member)) {
      throw new AnalysisError(
        'E_UNKNOWN_MEMBER',
        `no member '${request.member}'${request.output ? ` for '${request.output}'` : ''}: expected ${oneOf(members, 'none: a global output')}${didYouMean(request.member, members)}`,
      );
    }
  }
  const dates = axisLabels(a.plan.axis);
  for (const d of request.at ?? []) {
    if (!dates.includes(d)) {
      throw new AnalysisError(
        'E_TIME',
        `${d} is not a date of ${sideName(a)}'s time axis: expected one from ${dates[0]} to ${dates[dates.length - 1]} (step ${a.plan.axis.unit})`,
      );
    }
  }
}

/** Simulates both sides with A's seed and run count and compares B with A. */
export async function executeCompare(
  a: Prepared,
  b: Prepared,
  request: CompareRequest = {},
  options: Omit<SimulateOptions, 'runs' | 'seed'> = {},
): Promise<CompareResult> {
  checkCompareRequest(a, request);
  const paired: Prepared = { ...b, runs: a.runs, seed: a.seed };
  const sim = (p: Prepared) => simulatePrepared(p, options);
  const dataA = await sim(a);
  const dataB = await sim(paired);
  const labels = axisLabels(a.plan.axis);
  const dates = request.at ?? a.plan.snapshots.map((k) => labels[k]!);
  return {
    format: 'oxus-compare/1',
    receipts: { a: receiptOf(a, dataA.firstRun), b: receiptOf(paired, dataB.firstRun) },
    names: { a: sideName(a), b: sideName(b) },
    questions: { a: a.scenario?.question ?? null, b: b.scenario?.question ?? null },
    comparisons: compareRuns(dataA, dataB, {
      ...(request.output !== undefined ? { output: request.output } : {}),
      ...(request.member !== undefined ? { member: request.member } : {}),
      dates,
    }),
  };
}
