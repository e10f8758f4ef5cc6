/**
 * Correlations between uncertain parameters: each pair's rank correlation becomes a Pearson correlation of
 * a Gaussian copula, and the matrix of all of them is factored once (Cholesky) for the engine.
 */
import type { LoadedModel } from '../model/load.js';
import type { Path } from '../model/yamlFile.js';
import { cholesky, spearmanToPearson } from '../random/copula.js';
import type { BuildContext } from './buildContext.js';
import type { ParamDraft } from './params.js';
import type { Plan } from './plan.js';

/** The copula of the model's correlations, or undefined when there are none or they have problems. */
export function correlations(
  ctx: BuildContext,
  model: LoadedModel,
  drafts: readonly ParamDraft[],
): Plan['copula'] | undefined {
  const list = model.file.correlations ?? [];
  if (list.length === 0) return undefined;
  const before = ctx.problems.length;
  const slots: number[] = [];
  const pairs: [number, number, number][] = [];
  list.forEach((c, i) => {
    const at: Path = ['correlations', i];
    const ids = c.between.map((name, j) => {
      const idx = drafts.findIndex((s) => s.name === name);
      if (idx < 0) {
        ctx.report([...at, 'between', j], 'E_UNKNOWN_PARAMETER', `no parameter slot '${name}'`, {
          expected: 'a parameter, or Member.parameter for one entry of a table',
          found: name,
        });
      } else if (!drafts[idx]!.dist) {
        ctx.report([...at, 'between', j], 'E_CORRELATION', `'${name}' has no uncertainty to correlate`, {
          found: name,
        });
      }
      return idx;
    });
    if (!(c.rank > -1 && c.rank < 1))
      ctx.report([...at, 'rank'], 'E_CORRELATION', 'rank correlation must be in (-1, 1)', {
        found: String(c.rank),
      });
    if (ids[0] === ids[1] && ids[0]! >= 0)
      ctx.report([...at, 'between'], 'E_CORRELATION', 'a parameter cannot be correlated with itself');
    for (const id of ids) if (id >= 0 && !slots.includes(id)) slots.push(id);
    pairs.push([ids[0]!, ids[1]!, c.rank]);
  });
  if (ctx.problems.length > before) return undefined;
  const n = slots.length;
  const m = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 1 : 0) as number),
  );
  for (const [a, b, r] of pairs) {
    const i = slots.indexOf(a);
    const j = slots.indexOf(b);
    m[i]![j] = m[j]![i] = spearmanToPearson(r);
  }
  const L = cholesky(m);
  if (!L) {
    ctx.report(
      ['correlations'],
      'E_CORRELATION',
      'these correlations cannot hold together (the correlation matrix is not positive definite)',
    );
    return undefined;
  }
  return { slots, L };
}
