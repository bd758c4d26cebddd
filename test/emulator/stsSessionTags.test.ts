import { AssumeRoleCommand, type Tag } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { INVOKER_B, stsClient } from './support/localCalls';

let local: LocalWorld;
beforeAll(async () => {
  local = await startLocalWorld();
});
afterAll(() => local.close());

const assumeWith = (Tags: Tag[], TransitiveTagKeys?: string[]) =>
  stsClient(local).send(
    new AssumeRoleCommand({ RoleArn: INVOKER_B, RoleSessionName: 'tagged', Tags, TransitiveTagKeys }),
  );
const tags = (n: number, key = (i: number) => `k${i}`, value = (i: number) => `v${i}`): Tag[] =>
  Array.from({ length: n }, (_, i) => ({ Key: key(i), Value: value(i) }));
const PATTERN_KEY = '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+';
const PATTERN_VALUE = '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*';

describe('AssumeRole session tags are validated as STS does', () => {
  it('accepts letters and spaces of any script, the allowed symbols, empty values, 50 tags', async () => {
    await expect(
      assumeWith([
        { Key: 'Équipe données', Value: 'Ünïcode 12 _.:/=+-@' },
        { Key: 'empty', Value: '' },
      ]),
    ).resolves.toMatchObject({
      AssumedRoleUser: { Arn: 'arn:aws:sts::222222222222:assumed-role/lattice-invoker/tagged' },
    });
    await expect(assumeWith(tags(50))).resolves.toBeDefined();
  });

  it('the framework constraints: ValidationError with the member and constraint named', async () => {
    await expect(assumeWith(tags(51))).rejects.toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value at 'tags' failed to satisfy " +
        'constraint: Member must have length less than or equal to 50',
    });
    const long = 'k'.repeat(129);
    await expect(assumeWith([{ Key: long, Value: 'v' }])).rejects.toMatchObject({
      name: 'ValidationError',
      message:
        `1 validation error detected: Value '${long}' at 'tags.1.member.key' ` +
        `failed to satisfy constraint: Member must have length less than or ` +
        `equal to 128`,
    });
    await expect(assumeWith([{ Key: 'k', Value: 'v'.repeat(257) }])).rejects.toMatchObject({
      message: expect.stringContaining(
        "at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256",
      ),
    });
    // The text STS answered when configure-aws-credentials tagged a session with GITHUB_ACTOR.
    const actor = [...tags(4), { Key: 'Actor', Value: 'dependabot-preview[bot]' }];
    await expect(assumeWith(actor)).rejects.toMatchObject({
      name: 'ValidationError',
      message:
        `1 validation error detected: Value 'dependabot-preview[bot]' at ` +
        `'tags.5.member.value' failed to satisfy constraint: Member must ` +
        `satisfy regular expression pattern: ${PATTERN_VALUE}`,
    });
    await expect(
      assumeWith([
        { Key: '', Value: 'x' },
        { Key: 'a*b', Value: 'x' },
      ]),
    ).rejects.toMatchObject({
      message:
        "2 validation errors detected: Value '' at 'tags.1.member.key' failed " +
        'to satisfy constraint: Member must have length greater than or equal ' +
        'to 1; ' +
        `Value 'a*b' at 'tags.2.member.key' failed to satisfy constraint: ` +
        `Member must satisfy regular expression pattern: ${PATTERN_KEY}`,
    });
  });

  it('keys unique ignoring case, the aws: prefix reserved in any case, transitive keys among the tags', async () => {
    await expect(
      assumeWith([
        { Key: 'Team', Value: 'a' },
        { Key: 'team', Value: 'b' },
      ]),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
    });
    await expect(assumeWith([{ Key: 'AWS:team', Value: 'a' }])).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: expect.stringContaining('aws:'),
    });
    await expect(assumeWith([{ Key: 'team', Value: 'a' }], ['project'])).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: 'The specified transitive tag key must be included in the requested tags.',
    });
  });

  it('the packed size: PackedPolicyTooLarge with the percentage used', async () => {
    const big = tags(
      20,
      (i) => `${String(i).padStart(3, '0')}${'k'.repeat(125)}`,
      () => 'v'.repeat(256),
    );
    await expect(assumeWith(big)).rejects.toMatchObject({
      name: 'PackedPolicyTooLargeException',
      message: expect.stringMatching(/^Packed size of session tags consumes \d{3}% of allotted space\.$/),
    });
  });
});
