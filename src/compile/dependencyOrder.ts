/** Depth-first topological order of named nodes; a back edge is a cycle, reported once with its members. */

/**
 * Orders `ids` so that each comes after everything it depends on. Each cycle found is passed to `onCycle`
 * once (as the path that closes it, first node repeated at the end) and otherwise ignored.
 */
export function dependencyOrder<T extends string>(
  ids: Iterable<T>,
  dependsOn: (id: T) => Iterable<T>,
  onCycle: (cycle: readonly T[]) => void,
): T[] {
  const order: T[] = [];
  const state = new Map<T, 1 | 2>();
  const stack: T[] = [];
  const reported = new Set<string>();
  const visit = (id: T): void => {
    const s = state.get(id);
    if (s === 2) return;
    if (s === 1) {
      const cycle = [...stack.slice(stack.indexOf(id)), id];
      const key = [...cycle].sort().join();
      if (!reported.has(key)) {
        reported.add(key);
        onCycle(cycle);
      }
      return;
    }
    state.set(id, 1);
    stack.push(id);
    for (const dep of dependsOn(id)) visit(dep);
    stack.pop();
    state.set(id, 2);
    order.push(id);
  };
  for (const id of ids) visit(id);
  return order;
}
