import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import {
  GetListenerCommand,
  GetServiceCommand,
  ListListenersCommand,
  ListServiceNetworkServiceAssociationsCommand,
  ListServiceNetworkVpcAssociationsCommand,
  ListServicesCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-vpc-lattice';
import type { AwsCredentialIdentity } from '@smithy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { LOCAL_READER_ROLE, withReaderRoles } from '../../harness/import/withReaderRoles';
import { seedWorld } from '../../world';
import {
  assume,
  INVOKER_B,
  latticeClient,
  NETWORK_ARN,
  PARKING_ARN,
  runnerCredentials,
} from '../emulator/support/localCalls';
import { sdkFailure } from '../support/sdkFailure';

const READER_A = `arn:aws:iam::111111111111:role/${LOCAL_READER_ROLE}`;
const READER_B = `arn:aws:iam::222222222222:role/${LOCAL_READER_ROLE}`;

let local: LocalWorld;
beforeAll(async () => {
  local = await startLocalWorld({ spec: withReaderRoles(seedWorld()) });
});
afterAll(() => local.close());

const iamClient = (credentials: AwsCredentialIdentity) =>
  new IAMClient({ region: 'us-east-1', endpoint: local.iamEndpoint, credentials, maxAttempts: 1 });

describe('the local control plane: the read operations of @aws-sdk/client-vpc-lattice', () => {
  it('pages with maxResults and opaque nextTokens until every item is listed once', async () => {
    const client = latticeClient(local);
    const ids: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(new ListServicesCommand({ maxResults: 1, nextToken }));
      expect(page.items).toHaveLength(1);
      ids.push(page.items![0]!.id!);
      nextToken = page.nextToken;
      if (nextToken) expect(nextToken).not.toMatch(/^\d+$/);
      pages++;
    } while (nextToken && pages < 10);
    expect(ids).toEqual(['svc-0123456789abcdef0', 'svc-0eeeeeeeeeeeeeee0', 'svc-0fedcba9876543210']);
  });

  it('refuses maxResults outside 1..100 and a nextToken it did not issue: ValidationException', async () => {
    const client = latticeClient(local);
    for (const maxResults of [0, 101]) {
      const error = await sdkFailure(client.send(new ListServicesCommand({ maxResults })));
      expect(error).toMatchObject({ name: 'ValidationException', status: 400 });
      expect(error.message).toContain(`Value '${maxResults}' at 'maxResults' failed to satisfy constraint`);
    }
    const forged = await sdkFailure(
      client.send(
        new ListServicesCommand({ nextToken: Buffer.from('{"o":"ListServiceNetworks","i":1}').toString('base64url') }),
      ),
    );
    expect(forged).toMatchObject({ name: 'ValidationException', status: 400, message: 'Invalid nextToken' });
  });

  it('lists associations with their IDs, ARNs and the VPC owner as createdBy; listeners; tags', async () => {
    const client = latticeClient(local);
    const vpcs = await client.send(
      new ListServiceNetworkVpcAssociationsCommand({ serviceNetworkIdentifier: NETWORK_ARN }),
    );
    expect(vpcs.items!.map((a) => [a.vpcId, a.createdBy, a.status])).toEqual([
      ['vpc-0b0b0b0b0b0b0b0b0', '222222222222', 'ACTIVE'],
      ['vpc-0c0c0c0c0c0c0c0c0', '444444444444', 'ACTIVE'],
      ['vpc-0707070707070707a', '333333333333', 'ACTIVE'],
    ]);
    expect(vpcs.items![0]!.id).toMatch(/^snva-[0-9a-f]{17}$/);
    expect(vpcs.items![0]!.arn).toBe(
      `arn:aws:vpc-lattice:us-east-1:111111111111:servicenetworkvpcassociation/${vpcs.items![0]!.id}`,
    );
    const services = await client.send(
      new ListServiceNetworkServiceAssociationsCommand({ serviceIdentifier: PARKING_ARN }),
    );
    expect(services.items!.map((a) => [a.serviceNetworkId, a.serviceName, a.status])).toEqual([
      ['sn-0123456789abcdef0', 'parking', 'ACTIVE'],
    ]);
    const neither = await sdkFailure(client.send(new ListServiceNetworkServiceAssociationsCommand({})));
    expect(neither).toMatchObject({ name: 'ValidationException', status: 400 });

    const listeners = await client.send(new ListListenersCommand({ serviceIdentifier: PARKING_ARN }));
    expect(listeners.items!.map((l) => [l.protocol, l.port])).toEqual([
      ['HTTPS', 443],
      ['HTTP', 80],
    ]);
    const listener = await client.send(
      new GetListenerCommand({ serviceIdentifier: PARKING_ARN, listenerIdentifier: listeners.items![0]!.id! }),
    );
    expect(listener).toMatchObject({
      protocol: 'HTTPS',
      port: 443,
      serviceArn: PARKING_ARN,
      arn: `${PARKING_ARN}/listener/${listeners.items![0]!.id}`,
    });
    const tags = await client.send(new ListTagsForResourceCommand({ resourceArn: PARKING_ARN }));
    expect(tags.tags).toEqual({ tier: 'gold' });
    const gone = await sdkFailure(
      client.send(
        new ListTagsForResourceCommand({
          resourceArn: PARKING_ARN.replace('svc-0123456789abcdef0', 'svc-0999999999999999f'),
        }),
      ),
    );
    expect(gone).toMatchObject({ name: 'ResourceNotFoundException', status: 404 });
  });

  it('a caller sees its own account, and is refused without permission: AccessDeniedException', async () => {
    const readerA = latticeClient(local, await assume(local, READER_A, 'reader'));
    expect((await readerA.send(new ListServicesCommand({}))).items).toHaveLength(3);
    const readerB = latticeClient(local, await assume(local, READER_B, 'reader'));
    expect((await readerB.send(new ListServicesCommand({}))).items).toEqual([]);
    const crossAccount = await sdkFailure(readerB.send(new GetServiceCommand({ serviceIdentifier: PARKING_ARN })));
    expect(crossAccount).toMatchObject({ name: 'AccessDeniedException', status: 403 });
    expect(crossAccount.message).toContain('because no resource-based policy allows the vpc-lattice:GetService action');
    const invoker = latticeClient(local, await assume(local, INVOKER_B, 'no-read'));
    const denied = await sdkFailure(invoker.send(new ListServicesCommand({})));
    expect(denied).toMatchObject({ name: 'AccessDeniedException', status: 403 });
    expect(denied.message).toBe(
      'User: arn:aws:sts::222222222222:assumed-role/lattice-invoker/no-read ' +
        'is not authorized to perform: vpc-lattice:ListServices on resource: * ' +
        'because no identity-based policy allows the vpc-lattice:ListServices ' +
        'action',
    );
  });
});

describe('the local IAM endpoint: roles and their policies through @aws-sdk/client-iam', () => {
  it('GetRole: the trust policy URL-encoded as IAM returns it, tags, maximum session duration', async () => {
    const iam = iamClient(await assume(local, READER_B, 'reader'));
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'lattice-invoker' }));
    expect(Role).toMatchObject({
      Arn: INVOKER_B,
      RoleName: 'lattice-invoker',
      MaxSessionDuration: 3600,
      Tags: [{ Key: 'team', Value: 'consumer-b' }],
    });
    expect(Role!.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(Role!.AssumeRolePolicyDocument).toMatch(/^%7B/);
    expect(JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!)).Statement[0].Principal).toEqual({
      AWS: 'arn:aws:iam::333333333333:root',
    });
  });

  it('inline and attached policies, and the managed policy document by its default version', async () => {
    const iam = iamClient(await assume(local, READER_B, 'reader'));
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'lattice-invoker' }))).PolicyNames).toEqual([]);
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'lattice-invoker' }));
    expect(attached.AttachedPolicies).toEqual([
      { PolicyName: 'identity-invoke', PolicyArn: 'arn:aws:iam::222222222222:policy/identity-invoke' },
    ]);
    expect(attached.IsTruncated).toBe(false);
    const { Policy } = await iam.send(
      new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::222222222222:policy/identity-invoke' }),
    );
    const version = await iam.send(
      new GetPolicyVersionCommand({ PolicyArn: Policy!.Arn!, VersionId: Policy!.DefaultVersionId! }),
    );
    expect(JSON.parse(decodeURIComponent(version.PolicyVersion!.Document!)).Statement[0].Action).toContain(
      'vpc-lattice-svcs:Invoke',
    );
    // The reader's own policy is inline: a page of one, then none.
    const own = iamClient(await assume(local, READER_B, 'reader'));
    const first = await own.send(new ListRolePoliciesCommand({ RoleName: LOCAL_READER_ROLE, MaxItems: 1 }));
    expect(first).toMatchObject({ PolicyNames: ['identity-1'], IsTruncated: false });
    const inline = await own.send(new GetRolePolicyCommand({ RoleName: LOCAL_READER_ROLE, PolicyName: 'identity-1' }));
    expect(JSON.parse(decodeURIComponent(inline.PolicyDocument!)).Statement[0].Action).toContain('iam:GetRole');
  });

  it(
    "another account's role is not found; a caller without permission is " +
      'AccessDenied; a bad trust policy is MalformedPolicyDocument',
    async () => {
      const readerA = iamClient(await assume(local, READER_A, 'reader'));
      expect(await sdkFailure(readerA.send(new GetRoleCommand({ RoleName: 'lattice-invoker' })))).toMatchObject({
        name: 'NoSuchEntityException',
        status: 404,
      });
      const invoker = iamClient(await assume(local, INVOKER_B, 'no-read'));
      const denied = await sdkFailure(invoker.send(new GetRoleCommand({ RoleName: 'lattice-invoker' })));
      expect(denied).toMatchObject({ name: 'AccessDenied', status: 403 });
      expect(denied.message).toContain(
        'is not authorized to perform: iam:GetRole on resource: arn:aws:iam::222222222222:role/lattice-invoker',
      );
      const readerB = iamClient(await assume(local, READER_B, 'reader'));
      const noWrite = await sdkFailure(
        readerB.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'lattice-invoker', PolicyDocument: '{}' })),
      );
      expect(noWrite).toMatchObject({ name: 'AccessDenied', status: 403 });
      const runner = iamClient(runnerCredentials(local));
      const malformed = await sdkFailure(
        runner.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'lattice-e2e-ci', PolicyDocument: 'not json' })),
      );
      expect(malformed).toMatchObject({ name: 'MalformedPolicyDocumentException', status: 400 });
    },
  );

  it("an unsigned call and an unknown action: IAM's XML errors", async () => {
    const unsigned = await fetch(local.iamEndpoint, {
      method: 'POST',
      body: 'Action=GetRole&Version=2010-05-08&RoleName=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toContain('<Code>MissingAuthenticationToken</Code>');
    const unknown = await fetch(local.iamEndpoint, {
      method: 'POST',
      body: 'Action=DeleteRole&Version=2010-05-08&RoleName=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('<Code>InvalidAction</Code>');
  });
});
