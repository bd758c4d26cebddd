import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetFunctionConfigurationCommand, GetPolicyCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { loadWorld } from '../../world';
import { projectRoot } from '../support/paths';

const B = '222222222222';
const B_VPC = 'vpc-0b0b0b0b0b0b0b0b0';
const B_RELAY = `arn:aws:lambda:us-east-1:${B}:function:lattice-e2e-relay-consumer-b`;
/** A relay of B's without a resource-based policy, as Lambda creates a function. */
const BARE = `arn:aws:lambda:us-east-1:${B}:function:lattice-e2e-relay-bare`;
const MISSING = `arn:aws:lambda:us-east-1:${B}:function:lattice-e2e-relay-nope`;

type Keys = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
let local: LocalWorld;
let reader: Keys;
let invoker: Keys;
const lambda = (credentials: Keys) =>
  new LambdaClient({ region: 'us-east-1', endpoint: local.lambdaEndpoint, credentials, maxAttempts: 1 });

async function assume(roleArn: string, sessionName: string): Promise<Keys> {
  const sts = new STSClient({ region: 'us-east-1', endpoint: local.stsEndpoint, credentials: local.world.runnerKey });
  const { Credentials: c } = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName }));
  sts.destroy();
  return { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken };
}

beforeAll(async () => {
  const spec = await loadWorld('relays', join(projectRoot, 'scenarios'));
  // A role of B's (the runner may assume lattice-*) that may read B's functions: its identity policy alone
  // decides, in the function's own account.
  spec.roles.push({
    name: 'lattice-relay-reader',
    account: B,
    trustPolicy: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::333333333333:root' }, Action: 'sts:AssumeRole' }],
    },
    identityPolicies: [
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['lambda:GetFunctionConfiguration', 'lambda:GetPolicy'],
            Resource: `arn:aws:lambda:*:${B}:function:*`,
          },
        ],
      },
    ],
  });
  spec.relays = [
    ...(spec.relays ?? []),
    { name: 'bare', account: B, vpc: B_VPC, functionName: 'lattice-e2e-relay-bare', arn: BARE },
  ];
  local = await startLocalWorld({ spec });
  reader = await assume(`arn:aws:iam::${B}:role/lattice-relay-reader`, 'reader');
  invoker = await assume(`arn:aws:iam::${B}:role/lattice-invoker`, 'b-session');
});
afterAll(() => local?.close());

// Through the AWS SDK's Lambda client (REST-JSON, SigV4 service lambda), over HTTP to the local world.
describe('the local Lambda endpoint reads a function: GetFunctionConfiguration and GetPolicy', () => {
  it("answers the function's identity and VPC, the same on every read, by ARN or by name", async () => {
    const client = lambda(reader);
    const out = await client.send(new GetFunctionConfigurationCommand({ FunctionName: B_RELAY }));
    expect(out).toMatchObject({
      FunctionName: 'lattice-e2e-relay-consumer-b',
      FunctionArn: B_RELAY,
      Runtime: 'nodejs20.x',
      Version: '$LATEST',
      State: 'Active',
      VpcConfig: { VpcId: B_VPC },
    });
    // The facts of the deployment relay/template.yaml makes.
    const template = readFileSync(join(projectRoot, 'relay', 'template.yaml'), 'utf8');
    const field = (name: string) => new RegExp(`\\n\\s+${name}: \\[?([\\w.]+)\\]?\\n`).exec(template)?.[1];
    expect([out.Runtime, out.Architectures?.[0], String(out.MemorySize), String(out.Timeout)]).toEqual(
      ['Runtime', 'Architectures', 'MemorySize', 'Timeout'].map(field),
    );
    expect(out.VpcConfig?.SubnetIds?.[0]).toMatch(/^subnet-[0-9a-f]{17}$/);
    expect(out.VpcConfig?.SecurityGroupIds?.[0]).toMatch(/^sg-[0-9a-f]{17}$/);
    const { $metadata: _, ...first } = out;
    const { $metadata: __, ...byName } = await client.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'lattice-e2e-relay-consumer-b' }),
    );
    expect(byName).toEqual(first);
  });

  it('answers the resource-based policy as JSON text with a revision; none is ResourceNotFoundException', async () => {
    const client = lambda(reader);
    const out = await client.send(new GetPolicyCommand({ FunctionName: B_RELAY }));
    const spec = local.world.spec.relays!.find((r) => r.arn === B_RELAY)!;
    expect(JSON.parse(out.Policy!)).toEqual(spec.policy);
    expect(out.RevisionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    await expect(client.send(new GetPolicyCommand({ FunctionName: BARE }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The resource you requested does not exist.',
      $metadata: { httpStatusCode: 404 },
    });
    // The function is there all the same.
    const bare = await client.send(new GetFunctionConfigurationCommand({ FunctionName: BARE }));
    expect(bare.VpcConfig?.VpcId).toBe(B_VPC);
  });

  it('an unknown function is "Function not found: <arn>" (404), for both reads', async () => {
    const client = lambda(reader);
    for (const command of [
      new GetFunctionConfigurationCommand({ FunctionName: MISSING }),
      new GetPolicyCommand({ FunctionName: MISSING }),
    ]) {
      await expect(client.send(command as GetPolicyCommand)).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: `Function not found: ${MISSING}`,
        $metadata: { httpStatusCode: 404 },
      });
    }
  });

  it('a FunctionName that is no function name is ValidationException (400), as for Invoke', async () => {
    await expect(lambda(reader).send(new GetPolicyCommand({ FunctionName: 'not a function!' }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining("Value 'not a function!' at 'functionName' failed to satisfy constraint"),
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('refuses a caller whose policies allow neither read (403), naming the action as Invoke does', async () => {
    const client = lambda(invoker);
    const who = 'arn:aws:sts::222222222222:assumed-role/lattice-invoker/b-session';
    for (const [command, action] of [
      [new GetFunctionConfigurationCommand({ FunctionName: B_RELAY }), 'lambda:GetFunctionConfiguration'],
      [new GetPolicyCommand({ FunctionName: B_RELAY }), 'lambda:GetPolicy'],
    ] as const) {
      await expect(client.send(command as GetPolicyCommand)).rejects.toMatchObject({
        name: 'AccessDeniedException',
        message:
          `User: ${who} is not authorized to perform: ${action} on resource: ${B_RELAY} ` +
          `because no identity-based policy allows the ${action} action`,
        $metadata: { httpStatusCode: 403 },
      });
    }
    // The relay's policy lets the runner invoke it, not read it: from the runner's account, refused.
    await expect(
      lambda(local.world.runnerKey).send(new GetPolicyCommand({ FunctionName: B_RELAY })),
    ).rejects.toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
    // A reader may read the function, not invoke it.
    await expect(lambda(reader).send(new InvokeCommand({ FunctionName: B_RELAY }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('lambda:InvokeFunction on resource'),
    });
  });

  it('a read with the wrong method or path is UnknownOperationException, in Lambda shape', async () => {
    const url = `${local.lambdaEndpoint}/2015-03-31/functions/${encodeURIComponent(B_RELAY)}/policy`;
    const answer = await fetch(url, { method: 'DELETE' });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(await answer.json()).toEqual({ Type: 'User', message: 'Unknown operation' });
    const unsigned = await fetch(url);
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
  });
});
