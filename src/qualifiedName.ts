/**
 * Qualified names: `name` for a global parameter, state variable, event or output, `Member.name` for one
 * member's entry (`IMU.strength`). They key slots, channels, snapshots and scenario entries, and are built
 * and split only here. Names are identifiers (no dots), so the dot separates member from name.
 * This module imports nothing: the web UI loads it as it is.
 */

declare const qualified: unique symbol;

/** A name that is global, or qualified by the member it belongs to. */
export type QualifiedName = string & { readonly [qualified]: true };

/** `name`, or `member.name` when a member is given. */
export function qualify(name: string, member?: string): QualifiedName {
  return (member !== undefined ? `${member}.${name}` : name) as QualifiedName;
}

/** The member (if any) and the name of a qualified name: `IMU.strength` → IMU, strength. */
export function splitQualified(q: string): { readonly member?: string; readonly name: string } {
  const dot = q.indexOf('.');
  return dot < 0 ? { name: q } : { member: q.slice(0, dot), name: q.slice(dot + 1) };
}
