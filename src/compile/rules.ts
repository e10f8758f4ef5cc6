/**
 * Rules: each updates one state variable every step, by `set` (replace) or `add` (accumulate), optionally
 * under a `when` condition. A target with a `set` rule can have no other rule.
 */
import { didYouMean, oneOf } from '../didYouMean.js';
import type { LoadedModel } from '../model/load.js';
import type { Path } from '../model/yamlFile.js';
import type { BuildContext } from './buildContext.js';
import { ruleStatement } from './codegen.js';

/** The step statements of every rule instance, in the model's order; reports bad targets and conflicts. */
export function ruleCode(ctx: BuildContext, model: LoadedModel): string[] {
  const lines: string[] = [];
  const sym = ctx.sym;
  const setTargets = new Map<string, string>();
  const addTargets = new Map<string, string>();
  for (const [id, rule] of Object.entries(model.file.rules ?? {})) {
    const at: Path = ['rules', id];
    const targetEntity = sym.perMember.get(rule.target)?.entity;
    const target = sym.globals.get(rule.target) ?? sym.perMember.get(rule.target);
    if (target?.category !== 'state') {
      ctx.report(
        [...at, 'target'],
        'E_UNKNOWN_STATE',
        `rule target '${rule.target}' is not a state variable${didYouMean(rule.target, Object.keys(model.file.state))}`,
        {
          expected: oneOf(Object.keys(model.file.state)),
          found: rule.target,
        },
      );
      continue;
    }
    if (targetEntity !== undefined && targetEntity !== rule.for) {
      ctx.report(
        [...at, 'target'],
        'E_SCOPE',
        `'${rule.target}' is per ${targetEntity}: the rule needs \`for: ${targetEntity}\``,
        { found: rule.for ?? 'a global rule' },
      );
      continue;
    }
    const mode = rule.set !== undefined ? 'set' : 'add';
    const other =
      mode === 'set'
        ? (setTargets.get(rule.target) ?? addTargets.get(rule.target))
        : setTargets.get(rule.target);
    if (other !== undefined) {
      ctx.report(
        [...at, mode],
        'E_RULE_CONFLICT',
        `'${rule.target}' is also updated by rule '${other}': a target with a \`set\` rule can have no other rule`,
      );
    }
    (mode === 'set' ? setTargets : addTargets).set(rule.target, id);
    for (const inst of sym.instances(rule.for)) {
      const scope = sym.scope('x', inst);
      const slot = sym.slot(rule.target, inst?.member)!.slot;
      const when =
        rule.when !== undefined
          ? ctx.expression(rule.when, [...at, 'when'], scope, { allowRandom: false }).code
          : undefined;
      const expr = ctx.expression((mode === 'set' ? rule.set : rule.add)!, [...at, mode], scope, {
        allowRandom: true,
      }).code;
      lines.push(ruleStatement(mode, slot, expr, when));
    }
  }
  return lines;
}
