/**
 * The pipeline behind `oxus discover` and its endpoint, scenario discovery: which ranges of the uncertain
 * parameters the runs share in which an output meets a condition at a date ("what the worst runs share").
 * Runs the scenario's runs, reads the values each run drew (`parameterTable`, the same table `rank`
 * sensitivity reads), marks the runs of interest and finds a PRIM box over the parameters. Library code:
 * it throws typed errors, never prints.
 */
import { type Condition, casesOf, parseCondition } from './analysis/discovery/outcome.js';
import { PRIM_DEFAULTS, type PrimOptions, type PrimResult, prim } from './analysis/discovery/prim.js';
import { type AnalysisRunOptions, targetColumns, targetOf } from './analysisTarget.js';
import { parameterTable } from './engine/runBlock.js';
import { AnalysisError } from './errors.js';
import { type Prepared, type Receipt, receiptOf } from './pipeline.js';

export interface DiscoveryRequest extends PrimOptions {
  readonly output: string;
  readonly member?: string;
  readonly at: string;
  /** `>= 1500`; for a threshold or event it may be left out (it has happened by `at`). */
  readonly when?: string;
}

export interface DiscoveryRestriction {
  readonly parameter: string;
  readonly low?: number;
  readonly high?: number;
  /** The smallest and largest value the runs drew. */
  readonly range: readonly [number, number];
  readonly densityWithout: number;
  readonly coverageWithout: number;
  readonly pValue: number;
}

export interface DiscoveryResult {
  readonly format: 'oxus-discovery/1';
  readonly receipt: Receipt;
  readonly output: string;
  readonly member?: string;
  readonly label: string;
  readonly unit?: string;
  readonly kind: 'series' | 'threshold' | 'event';
  readonly at: string;
  /** The condition a run of interest meets; for a threshold or event, on "has happened by at" (1 or 0). */
  readonly when: Condition;
  readonly runs: number;
  readonly cases: number;
  readonly options: Required<PrimOptions>;
  readonly box: Omit<PrimResult['box'], 'restrictions'> & { readonly restrictions: DiscoveryRestriction[] };
  readonly trajectory: PrimResult['trajectory'];
  readonly chosen: number;
}

/** Runs the scenario and finds the box. */
export async function executeDiscovery(
  p: Prepared,
  request: DiscoveryRequest,
  options: AnalysisRunOptions = {},
): Promise<DiscoveryResult> {
  const target = targetOf(p, request);
  const { c, point } = target;
  if (c.kind === 'leader') throw new AnalysisError('E_UNKNOWN_OUTPUT', `'${c.output}' is not a number`);
  const when = conditionOf(request.when, c.kind);
  const table = parameterTable(p.plan, p.seed, 0, p.runs);
  if (table.slots.length === 0)
    throw new AnalysisError('E_NO_UNCERTAINTY', 'the scenario has no uncertain parameter to explain with');
  const values = (await targetColumns(p, target, options))[point]!;
  const y = casesOf(values, when);
  const cases = y.reduce((a, b) => a + b, 0);
  if (cases === 0 || cases === p.runs) {
    throw new AnalysisError(
      'E_NO_CONTRAST',
      `${cases === 0 ? 'no' : 'every'} run of the ${p.runs.toLocaleString('en-US')} meets ${c.output}${c.member !== undefined ? ` of ${c.member}` : ''} ${when.op} ${when.value} at ${request.at}, so there is nothing to tell apart (the values run from ${rangeOf(values).join(' to ')}): choose another condition or date`,
    );
  }
  const found = prim(table.values, y, request);
  return {
    format: 'oxus-discovery/1',
    receipt: receiptOf(p),
    output: c.output,
    ...(c.member !== undefined ? { member: c.member } : {}),
    label: c.label,
    ...(c.unit !== undefined ? { unit: c.unit } : {}),
    kind: c.kind,
    at: request.at,
    when,
    runs: p.runs,
    cases,
    options: {
      alpha: request.alpha ?? PRIM_DEFAULTS.alpha,
      minSupport: request.minSupport ?? PRIM_DEFAULTS.minSupport,
      minDensity: request.minDensity ?? PRIM_DEFAULTS.minDensity,
      paste: request.paste ?? PRIM_DEFAULTS.paste,
      significance: request.significance ?? PRIM_DEFAULTS.significance,
    },
    box: {
      ...found.box,
      restrictions: found.box.restrictions.map(({ input, ...r }) => ({
        parameter: p.plan.params[table.slots[input]!]!.name,
        ...r,
        range: rangeOf(table.values[input]!),
      })),
    },
    trajectory: found.trajectory,
    chosen: found.chosen,
  };
}

/** The condition a run of interest meets: `when` read, or for a threshold or event "has happened". */
export function conditionOf(when: string | undefined, kind: 'series' | 'threshold' | 'event'): Condition {
  if (when !== undefined) return parseCondition(when);
  if (kind !== 'series') return { op: '==', value: 1 };
  throw new AnalysisError(
    'E_CONDITION',
    'a series needs a condition: give --when with a comparison and a number, such as ">= 1500"',
  );
}

function rangeOf(xs: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of xs) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return [lo, hi];
}
