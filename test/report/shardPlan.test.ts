import { describe, expect, it } from 'vitest';
import { shardIndexes } from '../../harness/resolve/shardPlan';
import type { PlannedCall } from '../../harness/resolve/types';

const call = (role: string): PlannedCall =>
  ({
    caller: {
      kind: 'role',
      name: role,
      roleArn: `arn:aws:iam::222222222222:role/${role}`,
      sessionName: 's',
      durationSeconds: 900,
      sessionTags: {},
      signing: 'sigv4',
    },
  }) as PlannedCall;

describe('shardIndexes', () => {
  it('puts every call in exactly one shard, keeps each role whole, and balances by calls', () => {
    // 6 roles with 5, 4, 3, 3, 2, 1 calls, interleaved.
    const sizes: Record<string, number> = { a: 5, b: 4, c: 3, d: 3, e: 2, f: 1 };
    const calls: PlannedCall[] = [];
    for (let round = 0; round < 5; round++)
      for (const [role, n] of Object.entries(sizes)) if (round < n) calls.push(call(role));
    const shards = shardIndexes(calls, 3);
    expect(shards.flat().sort((x, y) => x - y)).toEqual(calls.map((_, i) => i));
    const rolesOf = (s: number[]) => new Set(s.map((i) => calls[i].caller.name));
    const owners = Object.keys(sizes).map((role) => shards.filter((s) => rolesOf(s).has(role)).length);
    expect(owners).toEqual([1, 1, 1, 1, 1, 1]);
    // 18 calls: largest first to the emptiest shard gives 6, 6, 6.
    expect(shards.map((s) => s.length)).toEqual([6, 6, 6]);
    for (const s of shards) expect(s).toEqual([...s].sort((x, y) => x - y));
    expect(shardIndexes(calls, 3)).toEqual(shards);
  });

  it('cuts a role with more calls than a fair share, so no shard sits idle', () => {
    const calls = Array.from({ length: 10 }, () => call('only'));
    expect(shardIndexes(calls, 3).map((s) => s.length)).toEqual([4, 4, 2]);
  });

  it('leaves shards empty when there are fewer calls than shards', () => {
    expect(shardIndexes([call('a')], 3)).toEqual([[0], [], []]);
  });
});
