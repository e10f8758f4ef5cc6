/**
 * A scope that reports every model name an expression resolves to a value (parameters, state, derived
 * values, event flags), for the model map's "what reads what". It wraps the checker's own scope, so the
 * names recorded are exactly those the compiled code reads, aggregates and `Member.name` included.
 */
import type { Lookup, Scope } from '../expr/compileExpression.js';

/** One name read: the declaration's name (`strength`), and the member for `IMU.strength`. */
export interface Read {
  readonly name: string;
  readonly member?: string;
}

/** Built-ins every scope answers that are not declarations of the model. */
const BUILTINS = new Set(['t', 'k', 'dt']);

/** `scope`, reporting to `onRead` each name it resolves to a value (also in the scopes it derives). */
export function recordingScope(scope: Scope, onRead: (read: Read) => void): Scope {
  const seen = (lookup: Lookup | undefined, read: Read): Lookup | undefined => {
    if (lookup?.kind === 'value' && !BUILTINS.has(read.name)) onRead(read);
    return lookup;
  };
  return {
    lookup: (name) => seen(scope.lookup(name), { name }),
    lookupMember: (member, name) => seen(scope.lookupMember(member, name), { name, member }),
    entityOf: (name) => scope.entityOf(name),
    members: (entity) => scope.members(entity),
    withMember: (entity, member) => recordingScope(scope.withMember(entity, member), onRead),
    names: () => scope.names(),
  };
}
