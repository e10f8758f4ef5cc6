/**
 * The model's namespace: which names exist, whether they are global or per member, and the slot each
 * occupies in the parameter (p), state (x/y) and derived (d) arrays. Implements the expression Scope.
 */
import type { Lookup, Scope } from '../expr/compileExpression.js';
import { qualify } from '../qualifiedName.js';
import { numberCode, type SlotArray, slotRef } from './codegen.js';

export type Category = 'param' | 'state' | 'derived' | 'event';

/** The member an expression is compiled for (absent: a global expression). */
export type Binding = { readonly entity: string; readonly member: string };

interface GlobalSymbol {
  readonly category: Category;
  readonly slot: number;
}
interface MemberSymbol {
  readonly category: Category;
  readonly entity: string;
  readonly slots: ReadonlyMap<string, number>;
}

/** Names reserved for built-ins. */
export const RESERVED = new Set(['t', 'dt', 'k', 'pi', 'e', 'true', 'false', 'Infinity', 'NaN']);

export class Symbols {
  readonly entities = new Map<string, readonly string[]>();
  readonly memberEntity = new Map<string, string>();
  readonly globals = new Map<string, GlobalSymbol>();
  readonly perMember = new Map<string, MemberSymbol>();
  readonly dt: number;

  constructor(dt: number) {
    this.dt = dt;
  }

  /** Declares a global symbol (slot) or a per-member one (slots by member). */
  declare(
    name: string,
    category: Category,
    entity: string | undefined,
    slotOf: (member?: string) => number,
  ): void {
    if (entity === undefined) {
      this.globals.set(name, { category, slot: slotOf() });
      return;
    }
    const slots = new Map<string, number>();
    for (const m of this.entities.get(entity) ?? []) slots.set(m, slotOf(m));
    this.perMember.set(name, { category, entity, slots });
  }

  has(name: string): boolean {
    return (
      this.globals.has(name) ||
      this.perMember.has(name) ||
      this.entities.has(name) ||
      this.memberEntity.has(name)
    );
  }

  /** Slot of `name` for `member` (or global). */
  slot(name: string, member?: string): { category: Category; slot: number } | undefined {
    const g = this.globals.get(name);
    if (g) return g;
    const pm = this.perMember.get(name);
    if (!pm || member === undefined) return undefined;
    const slot = pm.slots.get(member);
    return slot === undefined ? undefined : { category: pm.category, slot };
  }

  /** One binding per member of `entity`, or a single global instance when it is undefined. */
  instances(entity: string | undefined): (Binding | undefined)[] {
    return entity === undefined
      ? [undefined]
      : (this.entities.get(entity) ?? []).map((member) => ({ entity, member }));
  }

  /** A scope for expressions, optionally bound to one member; `stateVar` names the state array read. */
  scope(stateVar: 'x' | 'y', member?: Binding): Scope {
    return new ModelScope(this, stateVar, member);
  }
}

function arrayOf(category: Category, stateVar: 'x' | 'y'): SlotArray {
  return category === 'param' ? 'p' : category === 'derived' ? 'd' : stateVar;
}

class ModelScope implements Scope {
  constructor(
    private readonly sym: Symbols,
    private readonly stateVar: 'x' | 'y',
    private readonly bound?: Binding,
  ) {}

  private value(name: string, category: Category, slot: number, member?: string): Lookup {
    const code = slotRef(arrayOf(category, this.stateVar), slot);
    if (category === 'param') return { kind: 'value', code };
    return category === 'derived'
      ? { kind: 'value', code, source: 'state', derived: qualify(name, member) }
      : { kind: 'value', code, source: 'state' };
  }

  lookup(name: string): Lookup | undefined {
    if (name === 't') return { kind: 'value', code: 't' };
    if (name === 'k') return { kind: 'value', code: 'k' };
    if (name === 'dt') return { kind: 'value', code: numberCode(this.sym.dt) };
    const g = this.sym.globals.get(name);
    if (g) return this.value(name, g.category, g.slot);
    const pm = this.sym.perMember.get(name);
    if (pm) {
      if (this.bound && this.bound.entity === pm.entity) {
        return this.value(name, pm.category, pm.slots.get(this.bound.member)!, this.bound.member);
      }
      return { kind: 'perMember', entity: pm.entity };
    }
    const entity = this.sym.memberEntity.get(name);
    if (entity !== undefined) return { kind: 'member', entity };
    if (this.sym.entities.has(name)) return { kind: 'entity' };
    return undefined;
  }

  lookupMember(member: string, name: string): Lookup | undefined {
    const entity = this.sym.memberEntity.get(member);
    const pm = this.sym.perMember.get(name);
    if (entity === undefined || !pm || pm.entity !== entity) return undefined;
    return this.value(name, pm.category, pm.slots.get(member)!, member);
  }

  entityOf(name: string): string | undefined {
    return this.sym.perMember.get(name)?.entity;
  }

  members(entity: string): readonly string[] {
    return this.sym.entities.get(entity) ?? [];
  }

  withMember(entity: string, member: string): Scope {
    return new ModelScope(this.sym, this.stateVar, { entity, member });
  }

  names(): readonly string[] {
    return [
      ...this.sym.globals.keys(),
      ...this.sym.perMember.keys(),
      ...this.sym.memberEntity.keys(),
      't',
      'dt',
      'k',
    ];
  }
}
