/**
 * A key assumptions check computed from the model: every parameter (each member's entry of a table) with
 * its value, its sources and their evidence grades, and its rank in a rank-correlation sensitivity analysis
 * of the question's output; flagged when it is both sensitive and weakly sourced. Plain data in, plain data
 * out: the sensitivity result comes from `executeSensitivity` (method `rank`), so the ranks are its ranks.
 */
import type { Plan } from '../compile/plan.js';
import { bestGrade, type EvidenceGrade, gradeOf, isJudgmentOnly, isWeak } from '../model/evidenceGrade.js';
import type { Distribution, ModelFile, Source } from '../model/schema.js';

/** A source as cited, with the grade it carries. */
export type GradedSource = DistributiveOmit<Source, 'grade'> & { readonly grade: EvidenceGrade };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface AssumptionRow {
  /** `taliban_haven`, or `IMU.recruit` for one member's entry. */
  readonly name: string;
  readonly parameter: string;
  readonly member?: string;
  readonly label: string;
  readonly unit: string;
  readonly value: number;
  /** The distribution a run draws from (null: fixed at `value`). */
  readonly uncertainty: Distribution | null;
  /** The allowed range, null where unbounded. */
  readonly range: readonly [number, number] | null;
  /** Whether the scenario sets or schedules it. */
  readonly scenario: 'set' | 'scheduled' | null;
  readonly grade: EvidenceGrade;
  readonly judgmentOnly: boolean;
  readonly sources: readonly GradedSource[];
  /** 1 = strongest |ρ|; null for a fixed parameter (nothing to correlate). */
  readonly rank: number | null;
  readonly rho: number | null;
  readonly sensitive: boolean;
  /** Sensitive and weakly sourced. */
  readonly flagged: boolean;
}

/**
 * Sensitive: |ρ| of at least 0.1 (the parameter's ranks explain 1% of the output's) and at least three
 * standard errors of ρ under independence (1/√(n − 1)) from 0, so that noise in a few hundred runs is not
 * flagged.
 */
export const sensitiveAt = (runs: number): number => Math.max(0.1, 3 / Math.sqrt(Math.max(1, runs - 1)));

export interface RankedFactor {
  readonly name: string;
  readonly rho: number;
}

/** Ranks by |ρ|, strongest first, ties in the analysis' order (as `oxus sensitivity` lists them). */
export function ranksOf(factors: readonly RankedFactor[]): Map<string, number> {
  const order = [...factors].sort((a, b) => Math.abs(b.rho) - Math.abs(a.rho));
  return new Map(order.map((f, i) => [f.name, i + 1]));
}

/** The rows of the check, in the model's order of parameters and members. */
export function keyAssumptions(
  plan: Plan,
  model: ModelFile,
  factors: readonly RankedFactor[],
  runs: number,
  scenario: { readonly set: ReadonlySet<string>; readonly scheduled: ReadonlySet<string> },
): AssumptionRow[] {
  const rank = ranksOf(factors);
  const rho = new Map(factors.map((f) => [f.name, f.rho]));
  const threshold = sensitiveAt(runs);
  return plan.params.map((slot): AssumptionRow => {
    const def = model.parameters?.[slot.parameter];
    const entry = slot.member !== undefined ? def?.members?.[slot.member] : undefined;
    const own = typeof entry === 'object' ? (entry.sources ?? []) : [];
    const table = def?.sources ?? [];
    const basis = own.length > 0 ? own : table;
    const grade = bestGrade(basis);
    const r = rho.get(slot.name) ?? null;
    const sensitive = r !== null && Math.abs(r) >= threshold;
    const finite = Number.isFinite(slot.lo) && Number.isFinite(slot.hi);
    const inScenario = (set: ReadonlySet<string>) => set.has(slot.name) || set.has(slot.parameter);
    return {
      name: slot.name,
      parameter: slot.parameter,
      ...(slot.member !== undefined ? { member: slot.member } : {}),
      label: def?.label ?? slot.parameter,
      unit: (slot.member !== undefined ? def?.units?.[slot.member] : undefined) ?? def?.unit ?? '',
      value: slot.value,
      uncertainty: slot.dist ?? null,
      range: finite ? ([slot.lo, slot.hi] as const) : null,
      scenario: inScenario(scenario.scheduled) ? 'scheduled' : inScenario(scenario.set) ? 'set' : null,
      grade,
      judgmentOnly: isJudgmentOnly(basis),
      sources: [...own, ...table].map((s) => ({ ...s, grade: gradeOf(s) })),
      rank: rank.get(slot.name) ?? null,
      rho: r,
      sensitive,
      flagged: sensitive && isWeak(grade),
    };
  });
}
