/**
 * Events: every step, each instance that has not fired (or any, for `once: false`) fires with its
 * probability when its condition holds, or when the scenario forces it; its effects then set state.
 */
import type { LoadedModel } from '../model/load.js';
import type { Path } from '../model/yamlFile.js';
import { qualify } from '../qualifiedName.js';
import type { BuildContext } from './buildContext.js';
import { eventStatement } from './codegen.js';
import type { EventTimes } from './scenarioChecks.js';

/** The step statements of every event instance, numbered from 1 in the model's order. */
export function eventCode(ctx: BuildContext, model: LoadedModel, times: EventTimes): string[] {
  const lines: string[] = [];
  const sym = ctx.sym;
  let number = 0;
  for (const [id, ev] of Object.entries(model.file.events ?? {})) {
    if (ev.for !== undefined && !sym.entities.has(ev.for)) continue;
    const at: Path = ['events', id];
    for (const inst of sym.instances(ev.for)) {
      number++;
      const scope = sym.scope('x', inst);
      const probability = ctx.expression(ev.probability, [...at, 'probability'], scope, {
        allowRandom: false,
      }).code;
      const when =
        ev.when !== undefined
          ? ctx.expression(ev.when, [...at, 'when'], scope, { allowRandom: false }).code
          : undefined;
      const effects = Object.entries(ev.effects ?? {}).flatMap(([name, expr]) => {
        const target = sym.slot(name, inst?.member);
        if (target?.category !== 'state') {
          ctx.report(
            [...at, 'effects'],
            'E_UNKNOWN_STATE',
            `effect target '${name}' is not a state variable here`,
            { key: name, expected: 'a state variable of the same member, or a global one', found: name },
          );
          return [];
        }
        const code = ctx.expression(expr, [...at, 'effects', name], sym.scope('y', inst), {
          allowRandom: true,
        }).code;
        return [{ slot: target.slot, code }];
      });
      const key = qualify(id, inst?.member);
      const suppressedFrom = times.suppressed.get(key);
      lines.push(
        eventStatement({
          number,
          flag: sym.slot(id, inst?.member)!.slot,
          probability,
          ...(when !== undefined ? { when } : {}),
          once: ev.once !== false,
          forcedAt: times.forced.get(key) ?? [],
          ...(suppressedFrom !== undefined ? { suppressedFrom } : {}),
          effects,
        }),
      );
    }
  }
  return lines;
}
