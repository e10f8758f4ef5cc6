/**
 * The server's bound on the memory of a simulation's per-run records, computed before it runs: 8 bytes a
 * series value, 1 a flag and 2 a leader's member index. The records themselves are encoded more compactly
 * (records.ts: whole numbers in one or two bytes, flags in one bit, constant columns in one double), so
 * they stay within it.
 */
import type { ChannelKind, Plan } from '../compile/plan.js';

const BYTES: Record<ChannelKind, number> = { series: 8, threshold: 1, event: 1, leader: 2 };

/** Bytes of the per-run records of `runs` runs, at most. */
export function recordBytes(plan: Plan, runs: number): number {
  const points = plan.axis.steps + 1;
  return plan.channels.reduce((sum, c) => sum + runs * points * BYTES[c.kind], 0);
}
