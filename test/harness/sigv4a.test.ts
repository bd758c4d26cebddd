import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { createCredentialSource, type RoleCaller } from '../../harness/credentials/createCredentialSource';
import { localEnvironment } from '../../harness/environments/localEnvironment';
import { Redactor } from '../../harness/run/Redactor';
import { runCall } from '../../harness/run/runCall';
import type { PlannedCall, ResolvedEnvironment } from '../../harness/resolve/types';
import { buildRequest } from '../../harness/request/buildRequest';
import { signRequest } from '../../harness/request/signRequest';
import { joinPatterns } from '../support/joinPatterns';

let local: LocalWorld;
let env: ResolvedEnvironment;
beforeAll(async () => {
  local = await startLocalWorld();
  env = localEnvironment(local);
});
afterAll(() => local.close());

const plan = (caller: RoleCaller, expect: PlannedCall['expect']): PlannedCall => ({
  id: `sigv4a › ${caller.name}`,
  scenario: 'sigv4a',
  name: caller.name,
  caller,
  service: env.services.parking,
  request: { method: 'POST', path: '/', headers: {}, query: {} },
  expect,
});

describe('SigV4A signing per caller', () => {
  it('signs with ECDSA for the region set * ', async () => {
    const caller = { ...(env.callers['consumer-b'] as RoleCaller), signing: 'sigv4a' as const };
    const signed = await signRequest(buildRequest(plan(caller, { kind: 'allow' })), {
      region: 'us-east-1',
      algorithm: 'sigv4a',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
    });
    expect(signed.headers.authorization).toMatch(
      joinPatterns([
        /^AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/vpc-lattice-svcs\/aws4_request, /,
        /SignedHeaders=\S+, Signature=[0-9a-f]+$/,
      ]),
    );
    expect(signed.headers['x-amz-region-set']).toBe('*');
  });

  it(
    'gets through the local world (which verifies the ECDSA signature) and ' + 'is refused by policy the same way',
    async () => {
      const deps = { credentials: createCredentialSource(env), redactor: new Redactor() };
      const inOrg = { ...(env.callers['consumer-b'] as RoleCaller), signing: 'sigv4a' as const };
      const outsider = { ...(env.callers['outsider-c'] as RoleCaller), signing: 'sigv4a' as const };
      const allowed = await runCall(plan(inOrg, { kind: 'allow', status: 200, body: '"Lattice Success!"' }), env, deps);
      expect(allowed).toMatchObject({ status: 'passed', outcome: { kind: 'allowed' } });
      const denied = await runCall(plan(outsider, { kind: 'deny', layer: 'network' }), env, deps);
      expect(denied).toMatchObject({ status: 'passed', outcome: { kind: 'denied', layer: 'network' } });
    },
  );
});
