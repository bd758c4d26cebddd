import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { KeyRing } from '../../emulator/world/KeyRing';
import type { IssuedKey } from '../../emulator/world/World';
import { INVOKER_B, manualClock, REGION } from './support/localCalls';

/** At most this many calls in flight: the suite runs on a loaded 2-core machine. */
const CONCURRENCY = 4;

async function inBatches(
  count: number,
  call: (i: number) => Promise<unknown>,
): Promise<PromiseSettledResult<unknown>[]> {
  const results: PromiseSettledResult<unknown>[] = [];
  for (let i = 0; i < count; i += CONCURRENCY) {
    results.push(
      ...(await Promise.allSettled(Array.from({ length: Math.min(CONCURRENCY, count - i) }, (_, j) => call(i + j)))),
    );
  }
  return results;
}

describe("the counters are keyed by the world's own names, never by what a client sent", () => {
  let local: LocalWorld;
  beforeAll(async () => {
    local = await startLocalWorld();
  });
  afterAll(() => local.close());

  it('refused AssumeRoles with 48 KB role ARNs count under "(unknown)", and the stats answer stays small', async () => {
    const sts = new STSClient({
      region: REGION,
      endpoint: local.stsEndpoint,
      credentials: local.world.runnerKey,
      maxAttempts: 1,
    });
    const huge = (i: number) => `arn:aws:iam::222222222222:role/${String(i).padStart(6, '0')}${'x'.repeat(48 * 1024)}`;
    const results = await inBatches(120, (i) =>
      sts.send(new AssumeRoleCommand({ RoleArn: huge(i), RoleSessionName: 'big' })),
    );
    expect(results.every((r) => r.status === 'rejected' && (r.reason as Error).name === 'ValidationError')).toBe(true);
    const unknownRole = await inBatches(30, (i) =>
      sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::222222222222:role/nope-${i}`, RoleSessionName: 'x1' })),
    );
    expect(unknownRole.every((r) => r.status === 'rejected' && (r.reason as Error).name === 'AccessDenied')).toBe(true);
    await sts.send(new AssumeRoleCommand({ RoleArn: INVOKER_B, RoleSessionName: 'known' }));

    const answer = await fetch(`${local.adminUrl}/stats`);
    const text = await answer.text();
    expect(text.length).toBeLessThan(1024);
    expect(JSON.parse(text).assumeRole).toEqual({ '(unknown)': 150, [INVOKER_B]: 1 });
  });
});

describe('issued keys are dropped an hour after they expire', () => {
  it('an expired session answers ExpiredToken for an hour, then is forgotten (InvalidClientTokenId)', async () => {
    const clock = manualClock();
    const local = await startLocalWorld({ clock });
    try {
      const client = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
        new STSClient({
          region: REGION,
          endpoint: local.stsEndpoint,
          credentials,
          maxAttempts: 1,
          systemClockOffset: clock.now().getTime() - Date.now(),
        });
      const assume = async (name: string) => {
        const out = await client(local.world.runnerKey).send(
          new AssumeRoleCommand({ RoleArn: INVOKER_B, RoleSessionName: name, DurationSeconds: 900 }),
        );
        return {
          accessKeyId: out.Credentials!.AccessKeyId!,
          secretAccessKey: out.Credentials!.SecretAccessKey!,
          sessionToken: out.Credentials!.SessionToken,
        };
      };
      const first = await assume('first');
      clock.advance(901_000);
      await expect(client(first).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
        name: 'ExpiredToken',
      });
      clock.advance(3_598_000);
      await expect(client(first).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
        name: 'ExpiredToken',
      });
      clock.advance(1_000);
      const second = await assume('second');
      const held = local.world.issuedKeys().map((k) => k.accessKeyId);
      expect(held).not.toContain(first.accessKeyId);
      expect(held).toEqual(expect.arrayContaining([local.world.runnerKey.accessKeyId, second.accessKeyId]));
      await expect(client(first).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
        name: 'InvalidClientTokenId',
      });
    } finally {
      await local.close();
    }
  });

  it('the ring holds at most maxKeys, dropping the oldest sessions and never a key without expiration', () => {
    let now = 0;
    const ring = new KeyRing(() => now, { maxKeys: 3 });
    const key = (id: string, expiresAt?: number): IssuedKey =>
      ({
        accessKeyId: id,
        secretAccessKey: 's',
        expiration: expiresAt === undefined ? undefined : new Date(expiresAt),
        owner: {},
      }) as IssuedKey;
    ring.add(key('runner'));
    for (let i = 0; i < 10; i++) ring.add(key(`s${i}`, 3_600_000));
    expect([...ring.values()].map((k) => k.accessKeyId)).toEqual(['runner', 's8', 's9']);
    now = 3_600_000 + 3_600_000;
    expect(ring.get('s9')).toBeUndefined();
    expect(ring.get('runner')).toBeDefined();
  });
});
