/**
 * Verbal probability scales as data, both ways: a probability gets its word, a word gets its range.
 * Each scale cites shared/domain/estimative-language.md (section and grade); where the pack grades a scale
 * U (NATO, PHIA's lower bounds), the scale says so and every result that uses it repeats the warning.
 *
 * Conventions, since the published scales leave them open:
 * - ICD 203's shared endpoints (5, 20, 45 …) go to the upper row: half-open intervals [lower, upper)
 *   (the same rule as `src/analysis/estimative.ts`, whose table this module reuses).
 * - Kent's ranges overlap (87–99 and 63–87 share 87): a probability goes to the term with the nearest
 *   central value; "certain" and "impossible" only at exactly 1 and 0.
 * - PHIA's deliberate gaps (5–10, 20–25, …) are mapped to the nearer term; a value exactly midway goes up.
 * - Outside a scale's rows (below 1% on ICD 203, say) the nearest row is used.
 */
import { ICD_203 } from '../analysis/estimative.js';

export type ScaleId = 'icd203' | 'kent' | 'phia' | 'nato';
export const SCALE_IDS: readonly ScaleId[] = ['icd203', 'kent', 'phia', 'nato'];

export interface ScaleTerm {
  readonly term: string;
  readonly lower: number;
  readonly upper: number;
  /** Kent's central value; the midpoint elsewhere. */
  readonly central: number;
}

export interface Scale {
  readonly id: ScaleId;
  readonly name: string;
  /** Where the numbers come from, and their grade in the domain pack. */
  readonly source: string;
  readonly grade: string;
  /** Set when the pack could not verify the scale: shown with every result that uses it. */
  readonly warning?: string;
  /** Rows from the lowest probability up. */
  readonly terms: readonly ScaleTerm[];
  readonly pick: 'interval' | 'nearest-central' | 'nearest-range';
}

const withMid = (term: string, lower: number, upper: number): ScaleTerm => ({
  term,
  lower,
  upper,
  central: (lower + upper) / 2,
});

export const SCALES: Readonly<Record<ScaleId, Scale>> = {
  icd203: {
    id: 'icd203',
    name: 'US ICD 203',
    source: 'estimative-language.md 4.1 (ICD 203 text as transcribed, ODNI)',
    grade: 'A',
    terms: ICD_203.map((t) => withMid(t.term, t.lower, t.upper)),
    pick: 'interval',
  },
  kent: {
    id: 'kent',
    name: 'Sherman Kent (1964)',
    source: 'estimative-language.md 4.2 (Kent, "Words of Estimative Probability", CIA CSI archive)',
    grade: 'A/B',
    terms: [
      { term: 'impossible', lower: 0, upper: 0, central: 0 },
      { term: 'almost certainly not', lower: 0.02, upper: 0.12, central: 0.07 },
      { term: 'probably not', lower: 0.2, upper: 0.4, central: 0.3 },
      { term: 'chances about even', lower: 0.4, upper: 0.6, central: 0.5 },
      { term: 'probable', lower: 0.63, upper: 0.87, central: 0.75 },
      { term: 'almost certain', lower: 0.87, upper: 0.99, central: 0.93 },
      { term: 'certain', lower: 1, upper: 1, central: 1 },
    ],
    pick: 'nearest-central',
  },
  phia: {
    id: 'phia',
    name: 'UK PHIA probability yardstick',
    source: 'estimative-language.md 4.3 (gov.uk 2025 guidance; upper bounds B, lower bounds and top rows U)',
    grade: 'B/U',
    warning: "PHIA's lower bounds and its top three rows are graded U in the domain pack (from memory).",
    terms: [
      withMid('remote chance', 0, 0.05),
      withMid('highly unlikely', 0.1, 0.2),
      withMid('unlikely', 0.25, 0.35),
      withMid('realistic possibility', 0.4, 0.5),
      withMid('likely', 0.55, 0.75),
      withMid('highly likely', 0.8, 0.9),
      withMid('almost certain', 0.95, 1),
    ],
    pick: 'nearest-range',
  },
  nato: {
    id: 'nato',
    name: 'NATO (AJP-2.1, believed)',
    source: 'estimative-language.md 4.4 (not found in any retrieved text)',
    grade: 'U',
    warning: 'The NATO scale is graded U in the domain pack: not found in any retrieved text.',
    terms: [
      withMid('highly unlikely', 0, 0.1),
      withMid('unlikely', 0.1, 0.4),
      withMid('even chance', 0.4, 0.6),
      withMid('likely', 0.6, 0.9),
      withMid('highly likely', 0.9, 1),
    ],
    pick: 'interval',
  },
};

/** Distance from p to a closed range (0 inside it). */
const distance = (p: number, t: ScaleTerm) => (p < t.lower ? t.lower - p : p > t.upper ? p - t.upper : 0);

/** The word for a probability on a scale, e.g. `wordFor('kent', 0.7).term` is "probable". */
export function wordFor(scaleId: ScaleId, p: number): ScaleTerm {
  const scale = SCALES[scaleId];
  const terms = scale.terms;
  if (scale.pick === 'interval') {
    for (const t of terms) if (p < t.upper) return t;
    return terms[terms.length - 1]!;
  }
  if (scale.pick === 'nearest-central') {
    const exact = terms.find((t) => t.lower === t.upper && t.central === p);
    if (exact) return exact;
    let best = terms[1]!;
    for (const t of terms.slice(1, -1)) {
      if (Math.abs(p - t.central) < Math.abs(p - best.central)) best = t;
    }
    return best;
  }
  // nearest-range: inside a range, that term; in a gap, the nearer neighbour. Ties go up; 1e-12 absorbs
  // the rounding of differences such as 0.075 − 0.05, so that a value written as midway is midway.
  let best = terms[0]!;
  for (const t of terms) if (distance(p, t) <= distance(p, best) + 1e-12) best = t;
  return best;
}

/** The range of a word on a scale, or undefined when the scale has no such word (case-insensitive). */
export function rangeOf(scaleId: ScaleId, word: string): ScaleTerm | undefined {
  const w = word.trim().toLowerCase();
  return SCALES[scaleId].terms.find((t) => t.term === w);
}

/** "likely (55–80%)" on the given scale. */
export function describe(scaleId: ScaleId, p: number): string {
  const t = wordFor(scaleId, p);
  const pct = (x: number) => `${Math.round(x * 100)}`;
  return t.lower === t.upper
    ? `${t.term} (${pct(t.lower)}%)`
    : `${t.term} (${pct(t.lower)}–${pct(t.upper)}%)`;
}
