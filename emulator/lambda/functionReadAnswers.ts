import { createHash, randomUUID } from 'node:crypto';
import type { Answer } from '../http/types';
import type { World } from '../world/World';
import { LambdaError } from './LambdaError';
import type { LocalFunction } from './LocalFunction';

/** AWS's text for GetPolicy on a function that has no resource-based policy (HTTP 404). */
export const NO_POLICY_MESSAGE = 'The resource you requested does not exist.';

const digest = (text: string) => createHash('sha256').update(text).digest();
/** A stable ID of `bytes` hex digits, derived from what it identifies (the same on every read). */
const stableHex = (seed: string, bytes: number) => digest(seed).toString('hex').slice(0, bytes);
/** A UUID-shaped revision, derived from what the revision holds. */
const revisionOf = (seed: string) => {
  const h = stableHex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
/** Lambda's LastModified form: `2026-12-01T10:00:00.000+0000`. */
const lambdaTime = (date: Date) => date.toISOString().replace('Z', '+0000');

function jsonAnswer(value: unknown): Answer {
  return {
    status: 200,
    headers: { 'content-type': 'application/json', 'x-amzn-RequestId': randomUUID() },
    body: JSON.stringify(value),
  };
}

/**
 * GetFunctionConfiguration's answer (REST-JSON `FunctionConfiguration`): the relay's identity and its VPC
 * (`VpcConfig`: the VPC, a subnet and a security group of it), with the fixed facts of the relay's deployment
 * (relay/template.yaml: Node.js 20 on arm64, 256 MB, 30 s). Stand-in IDs are derived from the function, so that
 * two reads answer the same.
 */
export function functionConfigurationAnswer(fn: LocalFunction, world: World): Answer {
  const relay = world.spec.relays?.find((r) => r.arn === fn.arn);
  const policyText = relay?.policy === undefined ? '' : JSON.stringify(relay.policy);
  return jsonAnswer({
    FunctionName: fn.name,
    FunctionArn: fn.arn,
    Runtime: 'nodejs20.x',
    Role: `arn:aws:iam::${fn.account}:role/${fn.name.slice(0, 59)}-role`,
    Handler: 'index.handler',
    CodeSize: 4096,
    Description: 'lattice-e2e relay',
    Timeout: 30,
    MemorySize: 256,
    LastModified: lambdaTime(world.createdAt),
    CodeSha256: digest(`code:${fn.arn}`).toString('base64'),
    Version: '$LATEST',
    ...(relay && {
      VpcConfig: {
        SubnetIds: [`subnet-${stableHex(`subnet:${relay.vpc}:${fn.arn}`, 17)}`],
        SecurityGroupIds: [`sg-${stableHex(`sg:${relay.vpc}:${fn.arn}`, 17)}`],
        VpcId: relay.vpc,
        Ipv6AllowedForDualStack: false,
      },
    }),
    RevisionId: revisionOf(`function:${fn.arn}:${relay?.vpc ?? ''}:${policyText}`),
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: ['arm64'],
    EphemeralStorage: { Size: 512 },
  });
}

/**
 * GetPolicy's answer: `{ Policy, RevisionId }`, the function's resource-based policy as JSON text; a function
 * without one is AWS's ResourceNotFoundException.
 */
export function functionPolicyAnswer(fn: LocalFunction, world: World): Answer {
  const policy = world.spec.relays?.find((r) => r.arn === fn.arn)?.policy;
  if (policy === undefined) throw new LambdaError('ResourceNotFoundException', NO_POLICY_MESSAGE);
  const text = JSON.stringify(policy);
  return jsonAnswer({ Policy: text, RevisionId: revisionOf(`policy:${fn.arn}:${text}`) });
}
