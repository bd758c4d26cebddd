import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { predictCall } from '../../harness/check/predictCall';
import { createCredentialSource } from '../../harness/credentials/createCredentialSource';
import { localEnvironment } from '../../harness/environments/localEnvironment';
import { expectedResources } from '../../harness/judge/judgeOutcome';
import { resolveScenario } from '../../harness/resolve/resolveScenario';
import { Redactor } from '../../harness/run/Redactor';
import { runCall } from '../../harness/run/runCall';
import { PARKING_ARN, WORLDS } from '../check/support/worlds';

// The resource a denial names is the path as the signer normalises it (RFC 3986 dot segments
// removed, as SigV4 does for every service but S3), decoded: `/public/../admin` is `/admin` for
// the emulator's denial, for check's prediction and for the judge alike.
describe('the resource of /public/../admin is …/admin everywhere', () => {
  let local: LocalWorld;
  beforeAll(async () => {
    local = await startLocalWorld({ spec: WORLDS['service explicit deny on /admin*']!() });
  });
  afterAll(() => local?.close());

  it('emulator, check and judge name the same resource, and the deny expectation holds', async () => {
    const env = localEnvironment(local);
    const [call] = resolveScenario(
      'dots',
      'dots.ts',
      {
        service: 'parking',
        request: { method: 'GET', path: '/public/../admin' },
        calls: [{ caller: 'consumer-b', expect: { deny: 'service', explicit: true } }],
      },
      env,
    );
    const result = await runCall(call!, env, { credentials: createCredentialSource(env), redactor: new Redactor() });
    expect(result.outcome).toMatchObject({
      kind: 'denied',
      layer: 'service',
      explicit: true,
      resource: `${PARKING_ARN}/admin`,
    });
    expect(result.status).toBe('passed');
    expect(predictCall(call!, local.world.spec).prediction).toMatchObject({
      kind: 'denied',
      resource: `${PARKING_ARN}/admin`,
    });
    expect(expectedResources(call!)).toContain(`${PARKING_ARN}/admin`);
    expect(expectedResources(call!)).not.toContain(`${PARKING_ARN}/public/../admin`);
  }, 60_000);
});
