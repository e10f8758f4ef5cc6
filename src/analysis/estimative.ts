/**
 * Words of estimative probability, from US ICD 203 (ODNI, Analytic Standards; grade A transcription in
 * shared/domain/estimative-language.md §4.1). The scale's shared endpoints are ambiguous; oxus uses
 * half-open intervals [lower, upper) except the top one, and below 1% / above 99% (outside the scale's
 * rows) it still uses the nearest row, as the scale does not go further.
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

/** "likely (55–80%)". */
export function describeProbability(p: number): string {
  const t = estimativeTerm(p);
  return `${t.term} (${Math.round(t.lower * 100)}–${Math.round(t.upper * 100)}%)`;
}
