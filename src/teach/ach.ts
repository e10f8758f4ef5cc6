/**
 * Analysis of competing hypotheses (Heuer, "Psychology of Intelligence Analysis", 1999, ch. 8) computed
 * from the runs. Hypotheses are classes of runs (alternative futures the class defines, each a condition on
 * an output at a date; a run belongs to the first hypothesis it meets, and runs that meet none form
 * "none of these"); evidence items are observables, scored with teach/condition.ts's likelihoods. Each
 * cell is P(evidence | hypothesis): the mean likelihood of the evidence over the hypothesis' runs (for
 * hard evidence, the share of them that show it). So consistency is measured, not guessed:
 *
 * - a cell's **ratio** is P(E | H) / max over hypotheses of P(E | H'), the likelihood ratio of H against
 *   the hypothesis E fits best, rated as Kass & Raftery ("Bayes factors", JASA 90, 1995) grade Bayes
 *   factors: `C` (consistent: a ratio of at least 1/3, "not worth more than a bare mention" against H),
 *   `I` (inconsistent: below 1/3, positive evidence against H), `II` (very inconsistent: below 1/20,
 *   strong evidence against H);
 * - an item's **diagnosticity** is the largest likelihood ratio between two hypotheses, max/min of its
 *   row: 1 for evidence consistent with every hypothesis (Heuer's point: it does not help);
 * - a hypothesis' **inconsistency** over the evidence seen is Σ −log10(ratio), the weight of evidence
 *   against it in bans (Good 1950), Heuer's count of inconsistent evidence made quantitative; evidence
 *   it cannot produce at all (P(E | H) = 0 where another can) rules it out.
 *
 * Marking evidence as seen updates the hypotheses' probabilities: the runs are weighted by the joint
 * likelihood of everything seen (teach/condition.ts), so evidence that is not independent given a
 * hypothesis is not counted twice; the product of the cells (as if it were) is shown beside it.
 */
import type { ObservedColumn } from './condition.js';
import { likelihood } from './condition.js';

export type Rating = 'C' | 'I' | 'II';

/** Likelihood ratios against the best-fitting hypothesis from which a cell is rated I, and II. */
export const INCONSISTENT_BELOW = 1 / 3;
export const VERY_INCONSISTENT_BELOW = 1 / 20;

export const rate = (ratio: number): Rating =>
  ratio < VERY_INCONSISTENT_BELOW ? 'II' : ratio < INCONSISTENT_BELOW ? 'I' : 'C';

/** Each run's hypothesis (first match), −1 for none, and how many runs met more than one. */
export function classify(
  members: readonly Uint8Array[],
  runs: number,
): { classOf: Int32Array; overlapping: number } {
  const classOf = new Int32Array(runs).fill(-1);
  let overlapping = 0;
  for (let r = 0; r < runs; r++) {
    let met = 0;
    members.forEach((m, h) => {
      if (m[r]) {
        met++;
        if (classOf[r] === -1) classOf[r] = h;
      }
    });
    if (met > 1) overlapping++;
  }
  return { classOf, overlapping };
}

export interface Cell {
  /** P(E | H), null for a hypothesis no run meets. */
  readonly p: number | null;
  /** P(E | H) / max P(E | H'); null where undefined (no runs, or no hypothesis can produce E). */
  readonly ratio: number | null;
  readonly rating: Rating | null;
}

export interface EvidenceRow {
  readonly cells: readonly Cell[];
  /** max/min of the row's P(E | H); null when some hypothesis cannot produce E (min 0) or none can. */
  readonly diagnosticity: number | null;
  /** Hypotheses that cannot produce it while another can. */
  readonly excludes: readonly number[];
}

/** The matrix: one row per evidence item, one cell per class (`classes` of them; runs of class −1 left out). */
export function evidenceRows(
  observed: readonly ObservedColumn[],
  classOf: Int32Array,
  classes: number,
): EvidenceRow[] {
  const size = new Float64Array(classes);
  for (const c of classOf) if (c >= 0) size[c]!++;
  return observed.map(({ observation, column }) => {
    const sum = new Float64Array(classes);
    classOf.forEach((c, r) => {
      if (c >= 0) sum[c]! += likelihood(observation, column[r]!);
    });
    const p = Array.from(sum, (s, h) => (size[h]! > 0 ? s / size[h]! : null));
    const known = p.filter((x): x is number => x !== null);
    const best = Math.max(...known);
    const worst = Math.min(...known);
    const cells = p.map((x): Cell => {
      const ratio = x === null || !(best > 0) ? null : x / best;
      return { p: x, ratio, rating: ratio === null ? null : rate(ratio) };
    });
    return {
      cells,
      diagnosticity: worst > 0 ? best / worst : null,
      excludes: best > 0 ? p.flatMap((x, h) => (x === 0 ? [h] : [])) : [],
    };
  });
}

export interface Inconsistency {
  /** Σ −log10(ratio) over the evidence seen that it can produce (bans against it). */
  readonly bans: number;
  readonly inconsistent: number;
  readonly veryInconsistent: number;
  /** Seen evidence it cannot produce (indices into the evidence list). */
  readonly ruledOutBy: readonly number[];
}

export function inconsistency(
  rows: readonly EvidenceRow[],
  seen: readonly number[],
  h: number,
): Inconsistency {
  let bans = 0;
  let inconsistent = 0;
  let veryInconsistent = 0;
  const ruledOutBy: number[] = [];
  for (const e of seen) {
    const cell = rows[e]!.cells[h]!;
    if (cell.ratio === null) continue;
    if (cell.ratio === 0) ruledOutBy.push(e);
    else bans -= Math.log10(cell.ratio);
    if (cell.rating === 'I') inconsistent++;
    if (cell.rating === 'II') veryInconsistent++;
  }
  return { bans, inconsistent, veryInconsistent, ruledOutBy };
}

/** Each class's share of the weights (its probability given what they condition on). */
export function classShares(classOf: Int32Array, classes: number, weights?: Float64Array): number[] {
  const sum = new Float64Array(classes);
  let total = 0;
  classOf.forEach((c, r) => {
    const w = weights ? weights[r]! : 1;
    total += w;
    if (c >= 0) sum[c]! += w;
  });
  return Array.from(sum, (s) => (total > 0 ? s / total : Number.NaN));
}

/** P(H | seen) as if the evidence were independent given each hypothesis: ∝ P(H)·Π P(E | H). */
export function independentPosterior(
  prior: readonly number[],
  rows: readonly EvidenceRow[],
  seen: readonly number[],
): (number | null)[] {
  const un = prior.map((p, h) => seen.reduce((acc, e) => acc * (rows[e]!.cells[h]!.p ?? 0), p));
  const total = un.reduce((a, b) => a + b, 0);
  return un.map((x) => (total > 0 ? x / total : null));
}
