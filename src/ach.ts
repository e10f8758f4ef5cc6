/**
 * The pipeline behind `oxus ach` and its endpoint: analysis of competing hypotheses computed from the
 * scenario's runs (teach/ach.ts). The hypotheses are run classes, each a condition on an output at a
 * date; the evidence is a list of observations (the scenario's `observations` by default), scored through
 * teach/condition.ts; the evidence marked as seen (all of it by default) updates the hypotheses'
 * probabilities by conditioning the runs on it. Library code: it throws typed errors, never prints.
 */
import { type Condition, casesOf } from './analysis/discovery/outcome.js';
import { outputColumns } from './analysis/sensitivity/factors.js';
import { type AnalysisRunOptions, numericTargetOf } from './analysisTarget.js';
import { columnOf, FEW_EFFECTIVE_RUNS } from './conditioning.js';
import { conditionOf } from './discovery.js';
import { simulate } from './engine/simulate.js';
import { AnalysisError } from './errors.js';
import type { Observation } from './model/schema.js';
import { type Prepared, type Receipt, receiptOf } from './pipeline.js';
import {
  type Cell,
  classify,
  classShares,
  evidenceRows,
  type Inconsistency,
  inconsistency,
  independentPosterior,
} from './teach/ach.js';
import { conditionWeights, describeObservation } from './teach/condition.js';
import { effectiveRuns } from './teach/outcome.js';

/** Most hypotheses and evidence items one matrix may have. */
export const MAX_HYPOTHESES = 8;
export const MAX_EVIDENCE = 30;
export const NONE_OF_THESE = 'none of these';

export interface HypothesisRequest {
  readonly name: string;
  readonly output: string;
  readonly member?: string;
  readonly at: string;
  /** `>= 500`; for a threshold or event it may be left out (it has happened by `at`). */
  readonly when?: string;
}

export interface AchRequest {
  readonly hypotheses: readonly HypothesisRequest[];
  /** Default: the scenario's `observations`. */
  readonly evidence?: readonly Observation[];
  /** Evidence marked as seen, by number from 1; default: all of it. */
  readonly seen?: readonly number[];
}

/** A probability with its Monte Carlo standard error √(p(1 − p)/n) (n: effective runs when weighted). */
export interface Share {
  readonly p: number;
  readonly se: number;
}

export interface Hypothesis {
  readonly name: string;
  /** Null for "none of these", the runs no hypothesis holds in. */
  readonly output: string | null;
  readonly member?: string;
  readonly label: string | null;
  readonly kind: 'series' | 'threshold' | 'event' | null;
  readonly at: string | null;
  readonly when: Condition | null;
  /** Runs in this class. */
  readonly runs: number;
  readonly prior: Share;
  /** Given the evidence seen, the runs weighted by its joint likelihood. */
  readonly posterior: Share;
  /** Given the evidence seen, as if each item were independent of the others given the hypothesis. */
  readonly independentPosterior: number | null;
  readonly inconsistency: Inconsistency;
}

export interface Evidence {
  readonly observation: Observation;
  readonly text: string;
  readonly seen: boolean;
  /** One per hypothesis, in their order. */
  readonly cells: readonly Cell[];
  readonly diagnosticity: number | null;
  /** Names of the hypotheses it rules out (they cannot produce it, another can). */
  readonly excludes: readonly string[];
}

export interface AchResult {
  readonly format: 'oxus-ach/1';
  readonly receipt: Receipt;
  readonly question: string | null;
  readonly runs: number;
  readonly hypotheses: readonly Hypothesis[];
  /** Runs that met more than one hypothesis' condition (each counts in the first it meets). */
  readonly overlapping: number;
  readonly evidence: readonly Evidence[];
  readonly consistentRuns: number;
  readonly effectiveRuns: number;
  readonly warning: string | null;
}

const share = (p: number, n: number): Share => ({ p, se: n > 0 ? Math.sqrt((p * (1 - p)) / n) : Number.NaN });

function checkRequest(request: AchRequest, evidence: readonly Observation[]): number[] {
  const { hypotheses } = request;
  if (hypotheses.length < 2 || hypotheses.length > MAX_HYPOTHESES)
    throw new AnalysisError(
      'E_HYPOTHESES',
      `competing hypotheses need 2 to ${MAX_HYPOTHESES} of them; found ${hypotheses.length}`,
    );
  const names = hypotheses.map((h) => h.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i || n === NONE_OF_THESE);
  if (twice !== undefined)
    throw new AnalysisError('E_HYPOTHESES', `two hypotheses are named '${twice}': give each its own name`);
  if (evidence.length === 0)
    throw new AnalysisError(
      'E_NO_OBSERVATIONS',
      'no evidence to weigh: the scenario lists no `observations`',
    );
  if (evidence.length > MAX_EVIDENCE)
    throw new AnalysisError(
      'E_HYPOTHESES',
      `at most ${MAX_EVIDENCE} evidence items; found ${evidence.length}`,
    );
  const seen = request.seen ?? evidence.map((_, i) => i + 1);
  for (const e of seen)
    if (!Number.isInteger(e) || e < 1 || e > evidence.length)
      throw new AnalysisError(
        'E_HYPOTHESES',
        `evidence ${e} marked as seen is not in the list: expected a number from 1 to ${evidence.length}`,
      );
  return [...new Set(seen)].sort((a, b) => a - b).map((e) => e - 1);
}

/** Evidence numbered from 1, as the request marks it. */
const numbered = (i: Inconsistency): Inconsistency => ({ ...i, ruledOutBy: i.ruledOutBy.map((e) => e + 1) });

/** Runs the scenario and builds the matrix. */
export async function executeAch(
  p: Prepared,
  request: AchRequest,
  options: AnalysisRunOptions = {},
): Promise<AchResult> {
  const evidence = request.evidence ?? p.scenario?.observations.map((e) => e.value) ?? [];
  const seen = checkRequest(request, evidence);
  const targets = request.hypotheses.map((h) => {
    const { channel, c, point } = numericTargetOf(p, h);
    return { h, channel, c, point, when: conditionOf(h.when, c.kind) };
  });
  const data = await simulate(p.plan, { ...options, runs: p.runs, seed: p.seed });
  const cache = new Map<number, Float64Array[]>();
  const columns = (ch: number) => {
    if (!cache.has(ch)) cache.set(ch, outputColumns(data, ch));
    return cache.get(ch)!;
  };
  const members = targets.map((t) => casesOf(columns(t.channel)[t.point]!, t.when));
  const { classOf, overlapping } = classify(members, p.runs);
  const rest = classOf.some((c) => c === -1);
  const classes = targets.length + (rest ? 1 : 0);
  if (rest) for (let r = 0; r < p.runs; r++) if (classOf[r] === -1) classOf[r] = targets.length;
  const observed = evidence.map((o, i) => ({ observation: o, column: columnOf(p, columns, o, i) }));
  const rows = evidenceRows(observed, classOf, classes);
  const { weights } = conditionWeights(
    seen.map((e) => observed[e]!),
    p.runs,
  );
  const consistentRuns = weights.reduce((n, w) => n + (w > 0 ? 1 : 0), 0);
  if (consistentRuns === 0)
    throw new AnalysisError(
      'E_NO_CONSISTENT_RUNS',
      `none of the ${p.runs} runs is consistent with all the evidence marked as seen (${seen.map((e) => e + 1).join(', ')}); run more runs, or mark less as seen`,
    );
  const nEff = effectiveRuns(weights);
  const prior = classShares(classOf, classes);
  const posterior = classShares(classOf, classes, weights);
  const independent = independentPosterior(prior, rows, seen);
  const size = new Array<number>(classes).fill(0);
  for (const c of classOf) size[c]!++;
  const names = [...targets.map((t) => t.h.name), ...(rest ? [NONE_OF_THESE] : [])];
  return {
    format: 'oxus-ach/1',
    receipt: receiptOf(p, data.firstRun),
    question: p.scenario?.question ?? null,
    runs: p.runs,
    hypotheses: names.map((name, h) => {
      const t = targets[h];
      return {
        name,
        output: t ? t.c.output : null,
        ...(t?.c.member !== undefined ? { member: t.c.member } : {}),
        label: t ? t.c.label : null,
        kind: t ? (t.c.kind as 'series' | 'threshold' | 'event') : null,
        at: t ? t.h.at : null,
        when: t ? t.when : null,
        runs: size[h]!,
        prior: share(prior[h]!, p.runs),
        posterior: share(posterior[h]!, nEff),
        independentPosterior: independent[h]!,
        inconsistency: numbered(inconsistency(rows, seen, h)),
      };
    }),
    overlapping,
    evidence: evidence.map((o, e) => ({
      observation: o,
      text: o.label ?? describeObservation(o),
      seen: seen.includes(e),
      cells: rows[e]!.cells,
      diagnosticity: rows[e]!.diagnosticity,
      excludes: rows[e]!.excludes.map((h) => names[h]!),
    })),
    consistentRuns,
    effectiveRuns: nEff,
    warning:
      nEff < FEW_EFFECTIVE_RUNS
        ? `the updated probabilities rest on about ${Math.round(nEff)} effective runs of ${p.runs}: their Monte Carlo error is large; run more runs`
        : null,
  };
}
