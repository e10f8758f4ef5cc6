/**
 * Words of estimative probability, from US ICD 203 (ODNI, Analytic Standards; grade A transcription in
 * shared/domain/estimative-language.md §4.1). The scale's shared endpoints are ambiguous; oxus uses
 * half-open intervals [lower, upper) except the top one. Below 1% and above 99% (outside the scale's rows,
 * where 0% and 100% fall) it uses the nearest row's term but a range that holds the probability ("under
 * 5%", "over 95%"), so no probability is given a range that excludes it.
 */
export interface EstimativeTerm {
  readonly term: string;
  readonly lower: number;
  readonly upper: number;
}

export const ICD_203: readonly EstimativeTerm[] = [
  { term: 'almost no chance', lower: 0.01, upper: 0.05 },
  { term: 'very unlikely', lower: 0.05, upper: 0.2 },
  { term: 'unlikely', lower: 0.2, upper: 0.45 },
  { term: 'roughly even chance', lower: 0.45, upper: 0.55 },
  { term: 'likely', lower: 0.55, upper: 0.8 },
  { term: 'very likely', lower: 0.8, upper: 0.95 },
  { term: 'almost certain', lower: 0.95, upper: 0.99 },
];

/** The ICD 203 term for a probability, e.g. 0.6 → "likely". */
export function estimativeTerm(p: number): EstimativeTerm {
  for (const row of ICD_203) if (p < row.upper) return row;
  return ICD_203[ICD_203.length - 1]!;
}

/** "likely (55–80%)"; "almost no chance (under 5%)" for 0.4%, "almost certain (over 95%)" for 100%. */
export function describeProbability(p: number): string {
  const t = estimativeTerm(p);
  const pct = (x: number) => Math.round(x * 100);
  if (p < t.lower) return `${t.term} (under ${pct(t.upper)}%)`;
  if (p > t.upper) return `${t.term} (over ${pct(t.lower)}%)`;
  return `${t.term} (${pct(t.lower)}–${pct(t.upper)}%)`;
}
