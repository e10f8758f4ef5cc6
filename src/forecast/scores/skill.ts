/**
 * Skill of a score against a reference forecaster's score on the same claims: 1 − score / reference
 * (Murphy 1973's skill score; for the Brier score, the Brier skill score). 1 is perfect, 0 no better than the
 * reference, negative worse. Undefined (null) when the reference is perfect.
 */
export function skill(score: number, reference: number): number | null {
  return reference === 0 ? null : 1 - score / reference;
}
