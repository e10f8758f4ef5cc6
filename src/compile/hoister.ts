/**
 * Keeps the subexpressions the compiler moved out of the step statements (expr/pieces.ts) in slots after
 * the derived values of the `d` array, each distinct code once: those over parameters are computed once a
 * run, comparisons over the state once at the start of each step. A moved expression that reads a parameter
 * a scenario schedules is computed every step instead, after the schedule has set it.
 */
import type { Hoist } from '../expr/pieces.js';
import { derivedStatement } from './codegen.js';

export class Hoister implements Hoist {
  private readonly entries: { readonly code: string; readonly slot: number; readonly step: boolean }[] = [];
  private readonly slots = new Map<string, number>();

  /** `first`: the first free slot of `d` (the number of derived values). */
  constructor(private readonly first: number) {}

  perRun(code: string): string {
    return this.add(code, false);
  }

  perStep(code: string): string {
    return this.add(code, true);
  }

  /** Slots used, derived values included. */
  get size(): number {
    return this.first + this.entries.length;
  }

  /**
   * The statements computing the moved expressions, in the order they were met (an expression's parts come
   * before it): `once` before the step loop, `pre` at the start of every step.
   */
  statements(scheduled: readonly number[]): { once: string[]; pre: string[] } {
    const varying = new Set(scheduled);
    const once: string[] = [];
    const pre: string[] = [];
    for (const e of this.entries) {
      const readsScheduled = [...e.code.matchAll(/p\[(\d+)\]/g)].some((m) => varying.has(Number(m[1])));
      (e.step || readsScheduled ? pre : once).push(derivedStatement(e.slot, e.code));
    }
    return { once, pre };
  }

  private add(code: string, step: boolean): string {
    let slot = this.slots.get(code);
    if (slot === undefined) {
      slot = this.first + this.entries.length;
      this.entries.push({ code, slot, step });
      this.slots.set(code, slot);
    }
    return `d[${slot}]`;
  }
}
