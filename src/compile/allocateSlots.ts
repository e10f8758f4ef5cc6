/**
 * Slot allocation: the index of every parameter, state variable, event flag and derived value in the
 * engine's arrays (p, x/y, d), declared in the symbol table so that expressions can name them. Per-member
 * names take one slot per member, in the entity's member order.
 */
import type { LoadedModel, LoadedScenario } from '../model/load.js';
import { type QualifiedName, qualify } from '../qualifiedName.js';
import type { BuildContext } from './buildContext.js';
import { applyParamOverrides, buildParamSlots, type ParamDraft } from './params.js';
import type { InitialValue } from './plan.js';
import type { Category } from './symbols.js';

/** A state slot (state variable or event flag) while its initial value is being worked out. */
export interface StateDraft {
  flag: boolean;
  name: QualifiedName;
  variable: string;
  member?: string;
  min: number;
  max: number;
  initial: InitialValue;
  initCode?: string;
}

export interface Slots {
  /** Parameter slots, with the scenario's overrides applied. */
  readonly params: ParamDraft[];
  /** State variables, then one flag per event instance. */
  readonly states: StateDraft[];
  /** Slot of each state variable and event flag, by qualified name. */
  readonly stateIndex: ReadonlyMap<QualifiedName, number>;
  /** Qualified names of the derived values, by slot. */
  readonly derived: readonly QualifiedName[];
}

/** Allocates and declares every slot of the model (parameters overridden by the scenario). */
export function allocateSlots(ctx: BuildContext, model: LoadedModel, scenario?: LoadedScenario): Slots {
  const file = model.file;
  const sym = ctx.sym;
  const known = (def: { for?: string | undefined }) => def.for === undefined || sym.entities.has(def.for);

  const params = buildParamSlots(ctx, file);
  if (scenario) applyParamOverrides(ctx, params, scenario.parameters);
  const paramIndex = new Map(params.map((s, i) => [s.name, i]));
  for (const [name, def] of Object.entries(file.parameters ?? {})) {
    if (known(def)) sym.declare(name, 'param', def.for, (m) => paramIndex.get(qualify(name, m))!);
  }

  const states: StateDraft[] = [];
  const stateIndex = new Map<QualifiedName, number>();
  const addStates = (
    name: string,
    category: Category,
    entity: string | undefined,
    min: number,
    max: number,
  ) => {
    for (const inst of sym.instances(entity)) {
      const slotName = qualify(name, inst?.member);
      stateIndex.set(slotName, states.length);
      const flag = category === 'event';
      const member = inst ? { member: inst.member } : {};
      states.push({
        name: slotName,
        variable: name,
        ...member,
        min,
        max,
        flag,
        initial: { kind: 'value', value: 0 },
      });
    }
    sym.declare(name, category, entity, (m) => stateIndex.get(qualify(name, m))!);
  };
  for (const [name, def] of Object.entries(file.state)) {
    if (!known(def)) continue;
    const min = def.min ?? Number.NEGATIVE_INFINITY;
    const max = def.max ?? Number.POSITIVE_INFINITY;
    if (min > max)
      ctx.report(['state', name], 'E_RANGE', 'min must not exceed max', { found: `min ${min}, max ${max}` });
    addStates(name, 'state', def.for, min, max);
  }
  for (const [name, def] of Object.entries(file.events ?? {})) {
    if (known(def)) addStates(name, 'event', def.for, 0, 1);
  }

  // Derived values: slots now, code once every symbol is known.
  const derived: QualifiedName[] = [];
  for (const [name, def] of Object.entries(file.derived ?? {})) {
    if (!known(def)) continue;
    const first = derived.length;
    for (const inst of sym.instances(def.for)) derived.push(qualify(name, inst?.member));
    const members = def.for !== undefined ? sym.entities.get(def.for)! : [];
    sym.declare(name, 'derived', def.for, (m) => (m ? first + members.indexOf(m) : first));
  }
  return { params, states, stateIndex, derived };
}
