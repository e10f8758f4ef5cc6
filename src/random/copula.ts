/**
 * Rank correlations between once-per-run draws by a Gaussian copula: independent uniforms are mapped to
 * standard normals, correlated by a Cholesky factor, and mapped back to uniforms, which then go through each
 * parameter's quantile function. This is the normal-scores form of Iman & Conover (1982), "A
 * distribution-free approach to inducing rank correlation among input variables", Commun. Statist.
 * Simul. Comput. 11(3), 311–334, applied run by run instead of by reordering a whole sample.
 */
import { standardNormalCdf, standardNormalQuantile } from './normal.js';

/** A pivot below this fraction of its diagonal entry counts as zero: rounding must not pass a singular matrix. */
const PIVOT_TOLERANCE = 1e-12;
/** Off-diagonal entries may differ from their mirror by this much (relative) and still count as symmetric. */
const SYMMETRY_TOLERANCE = 1e-12;
/** Uniforms are kept inside [2⁻⁵³, 1 − 2⁻⁵³] so that Φ⁻¹ stays finite (|z| ≤ 8.3) and results stay below 1. */
const EDGE = 2 ** -53;

/**
 * The Pearson correlation of a Gaussian copula with Spearman rank correlation ρ: 2·sin(πρ/6), the inverse
 * of ρ_S = (6/π)·arcsin(ρ/2) (Pearson 1907; Kruskal 1958, "Ordinal measures of association", JASA 53,
 * 814–861). ±1 map to themselves exactly (2·sin(π/6) rounds to 0.9999999999999999); NaN outside [−1, 1].
 */
export function spearmanToPearson(rho: number): number {
  if (!(rho >= -1 && rho <= 1)) return Number.NaN;
  if (rho === 1 || rho === -1) return rho;
  return 2 * Math.sin((Math.PI * rho) / 6);
}

/**
 * The lower-triangular Cholesky factor L with L·Lᵀ = A (Cholesky–Banachiewicz order, row by row; Golub &
 * Van Loan, "Matrix Computations", alg. 4.2.1), or undefined when A is not square, not symmetric, or not
 * positive definite (a pivot ≤ 1e-12 of its diagonal entry, or NaN).
 */
export function cholesky(matrix: readonly (readonly number[])[]): number[][] | undefined {
  const n = matrix.length;
  if (matrix.some((row) => row.length !== n)) return undefined;
  const l: number[][] = [];
  for (let i = 0; i < n; i++) {
    const ai = matrix[i]!;
    const li = new Array<number>(n).fill(0);
    for (let j = 0; j < i; j++) {
      const aij = ai[j]!;
      const aji = matrix[j]![i]!;
      if (Math.abs(aij - aji) > SYMMETRY_TOLERANCE * Math.max(1, Math.abs(aij))) return undefined;
      const lj = l[j]!;
      let s = aij;
      for (let k = 0; k < j; k++) s -= li[k]! * lj[k]!;
      li[j] = s / lj[j]!;
    }
    let pivot = ai[i]!;
    for (let k = 0; k < i; k++) pivot -= li[k]! * li[k]!;
    if (!(pivot > PIVOT_TOLERANCE * ai[i]!) || !(pivot > 0)) return undefined;
    li[i] = Math.sqrt(pivot);
    l.push(li);
  }
  return l;
}

/**
 * Correlates independent uniforms in place: uᵢ ← Φ(Σⱼ≤ᵢ Lᵢⱼ·Φ⁻¹(uⱼ)), with L lower-triangular (from
 * `cholesky` of the copula's correlation matrix, whose diagonal is 1 so each output stays uniform). Only
 * L's lower triangle is read; throws a RangeError when L has fewer rows than `u` has entries.
 */
export function correlateUniforms(u: Float64Array, L: readonly (readonly number[])[]): void {
  const n = u.length;
  if (L.length < n) throw new RangeError(`correlateUniforms: L has ${L.length} rows, expected ${n}`);
  for (let i = 0; i < n; i++) u[i] = standardNormalQuantile(Math.min(1 - EDGE, Math.max(EDGE, u[i]!)));
  // z ← L·z in place, bottom row first: row i reads only z₀..zᵢ, which rows below i have not yet replaced.
  for (let i = n - 1; i >= 0; i--) {
    const li = L[i]!;
    let s = 0;
    for (let j = 0; j <= i; j++) s += li[j]! * u[j]!;
    u[i] = s;
  }
  for (let i = 0; i < n; i++) u[i] = Math.min(1 - EDGE, standardNormalCdf(u[i]!));
}
