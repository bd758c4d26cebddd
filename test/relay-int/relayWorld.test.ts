import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localCheckEnvironment } from '../../harness/check/localCheckEnvironment';
import { predictCall } from '../../harness/check/predictCall';
import { ConfigFileError, resolveWorld, type WorldConfig } from '../../world';
import relays from '../../scenarios/worlds/relays';
import { planScenarios } from '../scenarios/planScenarios';
import { projectRoot } from '../support/paths';

// Resolved as the project's own world file: its policy paths are relative to scenarios/worlds/.
const FILE = join(projectRoot, 'scenarios', 'worlds', 'relays.ts');
const B_VPC = 'vpc-0b0b0b0b0b0b0b0b0';
const C_VPC = 'vpc-0c0c0c0c0c0c0c0c0';

function variant(change: (config: WorldConfig) => void) {
  const config: WorldConfig = structuredClone(relays);
  change(config);
  return resolveWorld(config, FILE);
}

function refusal(change: (config: WorldConfig) => void): ConfigFileError {
  try {
    variant(change);
  } catch (error) {
    if (error instanceof ConfigFileError) return error;
    throw error;
  }
  throw new Error('resolved without an error');
}

describe('relays in a world file', () => {
  it('derive their function ARNs; a caller through a relay sends from the relay VPC', () => {
    const spec = variant((c) => (c.relays!['outsider-c']!.functionName = 'edge-relay'));
    expect(spec.relays).toEqual([
      {
        name: 'consumer-b',
        account: '222222222222',
        vpc: B_VPC,
        functionName: 'lattice-e2e-relay-consumer-b',
        arn: 'arn:aws:lambda:us-east-1:222222222222:function:lattice-e2e-relay-consumer-b',
        // The function's resource-based policy, as the world file gives it.
        policy: relays.relays!['consumer-b']!.policy,
      },
      {
        name: 'outsider-c',
        account: '444444444444',
        vpc: C_VPC,
        functionName: 'edge-relay',
        arn: 'arn:aws:lambda:us-east-1:444444444444:function:edge-relay',
        policy: relays.relays!['outsider-c']!.policy,
      },
    ]);
    expect(spec.callers.map((c) => [c.name, c.vpc, c.relay])).toEqual([
      ['consumer-b', B_VPC, 'consumer-b'],
      ['outsider-c', C_VPC, 'outsider-c'],
    ]);
    // The local environment names the function; the caller's source address is the relay VPC's.
    const env = localCheckEnvironment(spec);
    expect(env.callers['outsider-c']).toMatchObject({
      relay: 'arn:aws:lambda:us-east-1:444444444444:function:edge-relay',
      localAddress: '127.0.0.12',
    });
  });

  it('a caller may name the relay VPC too', () => {
    const spec = variant((c) => Object.assign(c.callers['consumer-b']!, { vpc: 'consumer-b-vpc' }));
    expect(spec.callers[0]).toMatchObject({ vpc: B_VPC, relay: 'consumer-b' });
  });

  it.each([
    [
      'an unknown relay',
      (c: WorldConfig) => Object.assign(c.callers['consumer-b']!, { relay: 'nowhere' }),
      'callers.consumer-b.relay',
      'unknown relay "nowhere" (known: consumer-b, outsider-c)',
    ],
    [
      'a VPC other than the relay',
      (c: WorldConfig) => Object.assign(c.callers['consumer-b']!, { vpc: 'outsider-c-vpc' }),
      'callers.consumer-b.vpc',
      `relay "consumer-b" sends from ${B_VPC}, not ${C_VPC}`,
    ],
    [
      'a relay whose VPC is not in its account',
      (c: WorldConfig) => (c.relays!['consumer-b']!.vpc = 'outsider-c-vpc'),
      'relays.consumer-b.vpc',
      'VPC "outsider-c-vpc" belongs to account 444444444444, not to the relay',
    ],
    [
      'a relay of an unknown account',
      (c: WorldConfig) => (c.relays!['consumer-b']!.account = 'nobody'),
      'relays.consumer-b.account',
      'unknown account "nobody"',
    ],
    [
      'a function name Lambda does not allow',
      (c: WorldConfig) => (c.relays!['consumer-b']!.functionName = 'has space'),
      'relays.consumer-b.functionName',
      'Lambda function names are 1 to 64',
    ],
    [
      'two relays with one function',
      (c: WorldConfig) =>
        (c.relays!.again = {
          account: 'consumer-b',
          vpc: 'consumer-b-vpc',
          functionName: 'lattice-e2e-relay-consumer-b',
        }),
      'relays.again.functionName',
      'is also relays.consumer-b',
    ],
    [
      'an anonymous caller through a relay',
      (c: WorldConfig) => (c.callers.nobody = { anonymous: true, relay: 'consumer-b' } as never),
      'callers.nobody.relay',
      'a relay sends signed requests only',
    ],
    [
      'a misspelt field',
      (c: WorldConfig) => Object.assign(c.relays!['consumer-b']!, { vcp: 'x' }),
      'relays.consumer-b.vcp',
      'unknown field',
    ],
    [
      'a relay policy without a Principal (IAM refuses such a resource-based policy)',
      (c: WorldConfig) =>
        (c.relays!['consumer-b']!.policy = {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*' }],
        }),
      'relays.consumer-b.policy',
      'invalid policy: MissingField at Statement[0].Principal',
    ],
    [
      'a relay policy file that is not there',
      (c: WorldConfig) => (c.relays!['outsider-c']!.policy = 'relays/no-such-policy.json'),
      'relays.outsider-c.policy',
      'no-such-policy.json: ENOENT',
    ],
    [
      'a caller with neither VPC nor relay',
      (c: WorldConfig) => delete (c.callers['consumer-b'] as { relay?: string }).relay,
      'callers.consumer-b.vpc',
      'must be a non-empty string',
    ],
  ])('refuses %s, naming the file and the field', (_what, change, field, detail) => {
    const error = refusal(change);
    expect(error.file).toBe(FILE);
    expect(error.field).toBe(field);
    expect(error.message).toContain(detail);
  });

  it('check predicts from the relay VPC; moving the relay changes the prediction', async () => {
    const dir = join(projectRoot, 'scenarios');
    const at = (spec: ReturnType<typeof variant>) =>
      planScenarios(dir, localCheckEnvironment(spec)).then(
        (p) => p.calls.find((c) => c.scenario === 'relays-out-of-org')!,
      );
    const spec = variant(() => undefined);
    const predicted = predictCall(await at(spec), spec);
    expect(predicted.explanation.sourceVpc).toMatchObject({ id: C_VPC, account: '444444444444' });
    expect(predicted.prediction).toMatchObject({ kind: 'denied', layer: 'network' });
    // Read as the source VPC owner's organization, aws:SourceOrgID lets the outsider in through B's relay (B's VPC).
    const moved = variant((c) => {
      c.sourceOrgIdMode = 'source-vpc-owner';
      c.callers['outsider-c'] = { ...c.callers['outsider-c']!, relay: 'consumer-b' } as never;
    });
    const throughB = predictCall(await at(moved), moved);
    expect(throughB.explanation.sourceVpc).toMatchObject({ id: B_VPC, account: '222222222222' });
    expect(throughB.prediction).toMatchObject({ kind: 'allowed' });
  });
});
