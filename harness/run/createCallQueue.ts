import type { PlannedCall } from '../resolve/types';

export interface CallQueue {
  /** The index of the call to run next, or undefined when every call has been handed out. */
  next(): number | undefined;
}

/**
 * Hands out a plan's calls in plan order, except that a call that would wait for an assumption
 * of its role already in flight (`isWaiting`) is passed over while another caller's call can run:
 * a worker holding a concurrency slot never idles on another worker's assumption while there is
 * other work. Calls are grouped by caller, so a choice costs one look per caller, not per call.
 */
/** A caller's call indexes in plan order, and the next one to hand out. */
interface Group {
  indexes: number[];
  at: number;
}

export function createCallQueue(calls: PlannedCall[], isWaiting: (call: PlannedCall) => boolean): CallQueue {
  // Each group is read through a cursor: shifting a large array moves every element, every time.
  const groups = new Map<string, Group>();
  calls.forEach((call, index) => {
    const group = groups.get(call.caller.name);
    if (group) group.indexes.push(index);
    else groups.set(call.caller.name, { indexes: [index], at: 0 });
  });
  const head = (group: Group) => group.indexes[group.at];
  return {
    next() {
      let ready: Group | undefined;
      let any: Group | undefined;
      for (const group of groups.values()) {
        if (!any || head(group) < head(any)) any = group;
        if ((!ready || head(group) < head(ready)) && !isWaiting(calls[head(group)])) ready = group;
      }
      // When every caller left waits on an assumption, waiting is all there is to do.
      const chosen = ready ?? any;
      if (!chosen) return undefined;
      const index = chosen.indexes[chosen.at++];
      if (chosen.at === chosen.indexes.length) groups.delete(calls[index].caller.name);
      return index;
    },
  };
}
