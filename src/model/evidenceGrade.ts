/**
 * Evidence grades of sources (docs/model-format.md, "Sources"): what a key assumptions check reports.
 * A domain entry or reference carries the grade its document gives it (`grade:`); a seed quote is graded
 * `seed` (the two articles: a specialist outlet and a news service, counted as strong as B); a judgment is
 * `judgment`; a domain entry or reference written without a grade is `ungraded`, and counts as weak.
 */
import type { Source } from './schema.js';

export type EvidenceGrade = 'A' | 'B' | 'seed' | 'C' | 'U' | 'judgment' | 'ungraded';

/** Strength of each grade, higher is stronger; seed ranks with B. */
const STRENGTH: Record<EvidenceGrade, number> = {
  A: 5,
  B: 4,
  seed: 4,
  C: 3,
  U: 2,
  ungraded: 1,
  judgment: 0,
};

/** The grade a source carries. */
export function gradeOf(source: Source): EvidenceGrade {
  if ('seed' in source) return 'seed';
  if ('judgment' in source) return 'judgment';
  return source.grade ?? 'ungraded';
}

/** The strongest grade among some sources (`judgment` for none): the best evidence a value has. */
export function bestGrade(sources: readonly Source[]): EvidenceGrade {
  let best: EvidenceGrade = 'judgment';
  for (const s of sources) {
    const g = gradeOf(s);
    if (STRENGTH[g] > STRENGTH[best] || (STRENGTH[g] === STRENGTH[best] && g === 'B')) best = g;
  }
  return best;
}

/** Weakly sourced: no source graded A, B or seed. */
export const isWeak = (grade: EvidenceGrade): boolean => STRENGTH[grade] < STRENGTH.B;

/** Only judgment: no cited document at all. */
export const isJudgmentOnly = (sources: readonly Source[]): boolean =>
  sources.every((s) => gradeOf(s) === 'judgment');
