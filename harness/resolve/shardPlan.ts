import type { Plan, PlannedCall } from './types';

/** Which part of a plan a CI job runs: `index` from 1 to `count`. */
export interface ShardChoice {
  index: number;
  count: number;
}

/** The part of the plan a shard runs, and where its calls sit in the whole plan (for merging reports). */
export interface PlanShard extends ShardChoice {
  /** Calls in the whole plan. */
  plannedCalls: number;
  /** For each call of this shard, in order, its index in the whole plan. */
  planIndexes: number[];
}

/** Calls that share one role assumption share a group: the same role, external ID, session name and tags. */
function groupKey(call: PlannedCall): string {
  const c = call.caller;
  if (c.kind !== 'role') return `${c.kind}\u0000${c.name}`;
  return ['role', c.roleArn, c.externalId ?? '', c.sessionName, JSON.stringify(c.sessionTags)].join('\u0000');
}

/**
 * Splits `count` ways deterministically (the same plan gives every job the same split): the calls
 * of one role session stay in one shard, so each role is assumed by one job, unless the role has
 * more calls than a shard's fair share (ceil(total / count)); then it is cut into pieces of that
 * size. Pieces go, largest first, to the shard with the fewest calls so far (ties: the lower
 * shard). A shard keeps its calls in plan order.
 */
export function shardIndexes(calls: readonly PlannedCall[], count: number): number[][] {
  const fair = Math.max(1, Math.ceil(calls.length / count));
  const groups = new Map<string, number[]>();
  calls.forEach((call, index) => {
    const key = groupKey(call);
    const group = groups.get(key);
    if (group) group.push(index);
    else groups.set(key, [index]);
  });
  const pieces: number[][] = [];
  for (const group of groups.values()) {
    for (let at = 0; at < group.length; at += fair) pieces.push(group.slice(at, at + fair));
  }
  // Largest first; equal sizes in plan order. Stable, so the result depends on the plan alone.
  pieces.sort((a, b) => b.length - a.length || a[0] - b[0]);
  const shards: number[][] = Array.from({ length: count }, () => []);
  for (const piece of pieces) {
    let target = 0;
    for (let s = 1; s < count; s++) if (shards[s].length < shards[target].length) target = s;
    for (const index of piece) shards[target].push(index);
  }
  for (const shard of shards) shard.sort((a, b) => a - b);
  return shards;
}

/** The plan a shard runs: its calls, and where they sit in the whole plan. */
export function shardPlan(plan: Plan, choice: ShardChoice): Plan {
  if (!Number.isInteger(choice.count) || choice.count < 1)
    throw new RangeError(`shard count must be a positive integer, got ${choice.count}`);
  if (!Number.isInteger(choice.index) || choice.index < 1 || choice.index > choice.count) {
    throw new RangeError(`shard index must be from 1 to ${choice.count}, got ${choice.index}`);
  }
  const planIndexes = shardIndexes(plan.calls, choice.count)[choice.index - 1];
  const shard: PlanShard = { ...choice, plannedCalls: plan.calls.length, planIndexes };
  return { ...plan, calls: planIndexes.map((i) => plan.calls[i]), shard };
}
