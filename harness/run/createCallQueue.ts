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
export function createCallQueue(calls: PlannedCall[], isWaiting: (call: PlannedCall) => boolean): CallQueue {
  const groups = new Map<string, number[]>();
  calls.forEach((call, index) => {
    const group = groups.get(call.caller.name);
    if (group) group.push(index);
    else groups.set(call.caller.name, [index]);
  });
  return {
    next() {
      let ready: number[] | undefined;
      let any: number[] | undefined;
      for (const group of groups.values()) {
        if (!any || group[0] < any[0]) any = group;
        if ((!ready || group[0] < ready[0]) && !isWaiting(calls[group[0]])) ready = group;
      }
      // When every caller left waits on an assumption, waiting is all there is to do.
      const chosen = ready ?? any;
      if (!chosen) return undefined;
      const index = chosen.shift()!;
      if (chosen.length === 0) groups.delete(calls[index].caller.name);
      return index;
    },
  };
}
