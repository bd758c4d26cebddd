import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { createCredentialSource } from '../../harness/credentials/createCredentialSource';
import { localEnvironment } from '../../harness/environments/localEnvironment';
import { resolveScenario } from '../../harness/resolve/resolveScenario';
import type { ResolvedEnvironment } from '../../harness/resolve/types';
import { Redactor } from '../../harness/run/Redactor';
import { runPlan } from '../../harness/run/runPlan';
import { loadWorld } from '../../world';
import { projectRoot } from '../support/paths';

const B_VPC_ARN = 'arn:aws:ec2:us-east-1:222222222222:vpc/vpc-0b0b0b0b0b0b0b0b0';

let local: LocalWorld;
let env: ResolvedEnvironment;
beforeAll(async () => {
  local = await startLocalWorld({ spec: await loadWorld('relays', join(projectRoot, 'scenarios')) });
  env = localEnvironment(local);
});
afterAll(() => local?.close());

const run = async (scenario: unknown) => {
  const calls = resolveScenario('relay-h2', 'scenarios/relay-h2.ts', scenario, env);
  const options = { reporter: {}, redactor: new Redactor(), credentials: createCredentialSource(env) };
  return (await runPlan({ environment: env, calls }, options)).results;
};

// The relay speaks HTTP/2 to the service when the call asks for it, from its own VPC.
describe('HTTP/2 through a relay', () => {
  it('the target sees an HTTP/2 caller from the relay VPC; a denial over h2 is the same denial', async () => {
    const results = await run({
      service: 'echo',
      http: '2',
      request: { method: 'GET', path: '/whoami' },
      calls: [
        { caller: 'consumer-b', expect: { allow: { status: 200 } } },
        { caller: 'outsider-c', expect: { deny: 'network' } },
      ],
    });
    expect(results.map((r) => [r.status, r.outcome.kind])).toEqual([
      ['passed', 'allowed'],
      ['passed', 'denied'],
    ]);
    const allowed = results[0]!.outcome;
    if (allowed.kind !== 'allowed') throw new Error('expected allowed');
    const echoed = JSON.parse(allowed.body) as { headers: Record<string, string>; callerHttpVersion: string };
    expect(echoed.callerHttpVersion).toBe('2');
    expect(echoed.headers['x-amzn-lattice-network']).toBe(`SourceVpcArn=${B_VPC_ARN}`);
  });
});
