import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { createCredentialSource, type RoleCaller } from '../../harness/credentials/createCredentialSource';
import { localEnvironment } from '../../harness/environments/localEnvironment';
import type { ResolvedEnvironment } from '../../harness/resolve/types';

/** A clock the test moves; shared by the emulator (session expiry) and the runner (refresh). */
const clock = {
  t: Date.now(),
  now() {
    return new Date(this.t);
  },
};

let local: LocalWorld;
let env: ResolvedEnvironment;
beforeAll(async () => {
  local = await startLocalWorld({ clock });
  env = localEnvironment(local);
});
afterAll(() => local.close());

const role = (name: string) => env.callers[name] as RoleCaller;

describe('createCredentialSource against the local STS', () => {
  it('assumes each distinct role once per run, however many calls use it (counted at STS)', async () => {
    const source = createCredentialSource(env, { clock });
    const b = role('consumer-b');
    const c = role('outsider-c');
    const all = await Promise.all([b, c, b, c, b, b].map((caller) => source.forCaller(caller)));
    expect(new Set(all.map((x) => x.accessKeyId)).size).toBe(2);
    expect(local.world.stats.assumeRole.get(b.roleArn)).toBe(1);
    expect(local.world.stats.assumeRole.get(c.roleArn)).toBe(1);
  });

  it(
    'a caller with a session policy gets a session of its own, not the ' + 'unscoped one of the same role and name',
    async () => {
      const source = createCredentialSource(env, { clock });
      const plain = { ...role('consumer-b'), sessionName: 'scoping' };
      const narrow = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
      const scoped = { ...plain, sessionPolicy: JSON.stringify(narrow) };
      const before = local.world.stats.assumeRole.get(plain.roleArn) ?? 0;
      const [a, b] = await Promise.all([source.forCaller(plain), source.forCaller(scoped)]);
      expect(a.accessKeyId).not.toBe(b.accessKeyId);
      expect(local.world.stats.assumeRole.get(plain.roleArn)).toBe(before + 2);
      // The STS that issued it keeps the session policy with the session.
      const owner = local.world.key(b.accessKeyId)?.owner;
      expect(owner).toMatchObject({ kind: 'session', sessionPolicies: [{ label: 'inline session policy' }] });
    },
  );

  it('renews a session before it expires, so a long run never signs with an expired token', async () => {
    const source = createCredentialSource(env, { clock, refreshMarginMs: 5 * 60_000 });
    const shortLived = { ...role('consumer-b-no-invoke'), durationSeconds: 900 };
    const first = await source.forCaller(shortLived);
    expect(first.expiration!.getTime() - clock.t).toBe(900_000);
    clock.t += 9 * 60_000; // 6 minutes left: still fresh
    expect((await source.forCaller(shortLived)).accessKeyId).toBe(first.accessKeyId);
    clock.t += 2 * 60_000; // 4 minutes left: inside the margin, renewed
    const second = await source.forCaller(shortLived);
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(second.expiration!.getTime()).toBeGreaterThan(first.expiration!.getTime());
    expect(local.world.stats.assumeRole.get(shortLived.roleArn)).toBe(2);
  });

  it("reports a refused assumption with STS's code and remembers it for the run", async () => {
    const source = createCredentialSource(env, { clock });
    const wrong = { ...role('outsider-c'), externalId: 'not-the-external-id', sessionName: 'wrong-external-id' };
    await expect(source.forCaller(wrong)).rejects.toMatchObject({ code: 'AccessDenied', role: wrong.roleArn });
    const before = local.world.stats.assumeRole.get(wrong.roleArn);
    await expect(source.forCaller(wrong)).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(local.world.stats.assumeRole.get(wrong.roleArn)).toBe(before);
  });
});
