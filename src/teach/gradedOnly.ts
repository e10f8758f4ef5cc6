/**
 * "Re-run on graded evidence only": what the conclusion is when the numbers that rest on nothing but the
 * modeller's judgment are given up. Each uncertain, judgment-only parameter is spread uniformly over its
 * whole allowed range (all a reader knows about it without the judgment); everything else stays. The
 * spread parameters keep their keyed draws, so run i of the re-run pairs with run i of the scenario.
 */
import type { Plan } from '../compile/plan.js';
import type { AssumptionRow } from './keyAssumptions.js';

export interface JudgmentSpread {
  readonly plan: Plan;
  /** The parameters spread over their range. */
  readonly spread: readonly string[];
  /** Judgment-only parameters left as they were, and why. */
  readonly kept: readonly { readonly name: string; readonly why: string }[];
}

/** Why a judgment-only parameter cannot be spread, or undefined when it can. */
function keptBecause(row: AssumptionRow, switchSlot: boolean): string | undefined {
  if (row.uncertainty === null)
    return row.scenario ? 'the scenario fixes it' : 'fixed in the model (a definition, not an estimate)';
  if (switchSlot) return 'a 0/1 switch: it has no range to spread over';
  if (row.range === null) return 'no allowed range to spread over';
  return undefined;
}

/** The plan with every spreadable judgment-only parameter drawn from Uniform(range). */
export function spreadJudgment(plan: Plan, rows: readonly AssumptionRow[]): JudgmentSpread {
  const spread: string[] = [];
  const kept: { name: string; why: string }[] = [];
  const params = plan.params.map((slot, i) => {
    const row = rows[i]!;
    if (!row.judgmentOnly) return slot;
    const why = keptBecause(row, slot.switch === true);
    if (why !== undefined) {
      kept.push({ name: slot.name, why });
      return slot;
    }
    spread.push(slot.name);
    return { ...slot, dist: { dist: 'uniform' as const, min: slot.lo, max: slot.hi } };
  });
  return { plan: { ...plan, params }, spread, kept };
}
