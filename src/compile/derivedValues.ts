/**
 * Derived values: each compiled once per member, then computed every step in dependency order so that a
 * value is ready before anything reading it.
 */
import type { LoadedModel } from '../model/load.js';
import type { Path } from '../model/yamlFile.js';
import { type QualifiedName, qualify } from '../qualifiedName.js';
import type { BuildContext } from './buildContext.js';
import { derivedStatement } from './codegen.js';
import { dependencyOrder } from './dependencyOrder.js';

/** The statements computing every derived value (slots in the order of `names`); reports cycles. */
export function derivedCode(
  ctx: BuildContext,
  model: LoadedModel,
  names: readonly QualifiedName[],
): string[] {
  const code = new Map<QualifiedName, string>();
  const deps = new Map<QualifiedName, Set<QualifiedName>>();
  const where = new Map<QualifiedName, Path>();
  for (const [name, def] of Object.entries(model.file.derived ?? {})) {
    if (def.for !== undefined && !ctx.sym.entities.has(def.for)) continue;
    for (const inst of ctx.sym.instances(def.for)) {
      const id = qualify(name, inst?.member);
      const c = ctx.expression(def.expr, ['derived', name, 'expr'], ctx.sym.scope('x', inst), {
        allowRandom: false,
      });
      code.set(id, c.code);
      deps.set(id, c.derived);
      where.set(id, ['derived', name, 'expr']);
    }
  }
  const order = dependencyOrder(
    code.keys(),
    (id) => deps.get(id) ?? [],
    (cycle) =>
      ctx.report(
        where.get(cycle[0]!)!,
        'E_CYCLE',
        `derived values depend on each other in a cycle: ${cycle.join(' → ')}`,
      ),
  );
  return order.map((id) => derivedStatement(names.indexOf(id), code.get(id)!));
}
