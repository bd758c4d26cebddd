import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPlan } from '../../harness/check/checkPlan';
import { localCheckEnvironment } from '../../harness/check/localCheckEnvironment';
import { importWorld } from '../../harness/import/importWorld';
import type { LocalWorld } from '../../emulator/startLocalWorld';
import { resolvePlan } from '../../harness/resolve/resolvePlan';
import type { ResolvedEnvironment } from '../../harness/resolve/types';
import { loadWorld, type WorldSpec } from '../../world';
import { startReadableWorld, readEndpoints } from './support/readableWorld';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCENARIOS = join(ROOT, 'scenarios');
const B_RELAY = 'arn:aws:lambda:us-east-1:222222222222:function:lattice-e2e-relay-consumer-b';
const out = mkdtempSync(join(tmpdir(), 'lattice-e2e-relays-import-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

let original: WorldSpec;
let local: LocalWorld;
let env: ResolvedEnvironment;
beforeAll(async () => {
  original = await loadWorld('relays', SCENARIOS);
  // A relay in the tooling account's VPC, which no service network is associated with.
  original.relays!.push({
    name: 'tooling',
    account: '333333333333',
    vpc: 'vpc-0707070707070707a',
    functionName: 'lattice-e2e-relay-tooling',
    arn: 'arn:aws:lambda:us-east-1:333333333333:function:lattice-e2e-relay-tooling',
  });
  ({ local, env } = await startReadableWorld(original));
});
afterAll(() => local?.close());

const importTo = (file: string, environment: ResolvedEnvironment) =>
  importWorld(environment, {
    out: file,
    root: ROOT,
    endpoints: readEndpoints(local),
  });

describe('world import of callers that send through relays (Lambda functions), through the AWS SDK', () => {
  it('writes each relay (account, VPC, policy), callers that send through it; check predicts as before', async () => {
    const file = join(out, 'imported-relays.ts');
    const { notes } = await importTo(file, env);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain("relay: 'consumer-b'");
    expect(notes.join('\n')).toContain('it may invoke the relays');
    // Outsider C's external ID stays an environment variable: give it as the deployed trust policy wants.
    process.env.LATTICE_E2E_EXTERNAL_ID_OUTSIDER_C = 'lattice-e2e-outsider';
    let imported: WorldSpec;
    try {
      imported = await loadWorld(file, SCENARIOS);
    } finally {
      delete process.env.LATTICE_E2E_EXTERNAL_ID_OUTSIDER_C;
    }
    // Only the relays the environment's callers send through are read.
    const used = original.relays!.filter((r) => r.name !== 'tooling');
    expect(imported.relays).toEqual(
      used.map((r) => ({
        name: r.name,
        account: r.account,
        vpc: r.vpc,
        functionName: r.functionName,
        arn: r.arn,
        policy: r.policy,
      })),
    );
    expect(imported.callers.filter((c) => c.relay !== undefined).map((c) => [c.name, c.relay, c.vpc])).toEqual(
      original.callers.filter((c) => c.relay !== undefined).map((c) => [c.name, c.relay, c.vpc]),
    );
    // The relays scenarios, predicted from the imported world as from the original (AWS shows no target: the
    // imported services answer 200 with an empty body, so the answers' bodies are left out).
    const selection = { dir: SCENARIOS, all: true, names: [] };
    const now = new Date('2026-12-01T12:00:00Z');
    const predict = async (world: WorldSpec) => {
      const plan = await resolvePlan(selection, localCheckEnvironment({ ...world, name: 'relays' }));
      return checkPlan(plan, world, { now }).calls.map((c) => {
        const { body: _, ...prediction } = c.prediction as { body?: string };
        return { id: c.call.id, prediction, agrees: c.agrees };
      });
    };
    const before = await predict(original);
    expect(before.map((c) => c.id).sort()).toEqual([
      'relays-in-org › consumer-b',
      'relays-out-of-org › outsider-c',
      'relays-source-vpc › consumer-b',
    ]);
    expect(before.every((c) => c.agrees)).toBe(true);
    expect((await predict(imported!)).map(({ agrees: _, ...c }) => c)).toEqual(before.map(({ agrees: _, ...c }) => c));
  });

  it('refuses a relay not deployed or not in a VPC of the world, naming the caller; writes nothing', async () => {
    const cases: [string, string][] = [
      [
        'arn:aws:lambda:us-east-1:222222222222:function:lattice-e2e-relay-gone',
        'caller "consumer-b": relay arn:aws:lambda:us-east-1:222222222222:function:lattice-e2e-relay-gone ' +
          'is not deployed (GetFunctionConfiguration: ResourceNotFoundException)',
      ],
      [
        'arn:aws:lambda:us-east-1:333333333333:function:lattice-e2e-relay-tooling:live',
        'caller "consumer-b": relay arn:aws:lambda:us-east-1:333333333333:function:lattice-e2e-relay-tooling ' +
          "runs in VPC vpc-0707070707070707a, which is not one of the world's VPCs",
      ],
      [
        'arn:aws:lambda:eu-west-1:222222222222:function:lattice-e2e-relay-consumer-b',
        'GetFunctionConfiguration: OtherRegion: the function is in region eu-west-1; ' +
          'the environment reads region us-east-1',
      ],
    ];
    for (const [relay, message] of cases) {
      const file = join(out, 'refused', 'refused.ts');
      const callers = { ...env.callers, 'consumer-b': { ...env.callers['consumer-b']!, relay } };
      const error = await importTo(file, { ...env, callers }).catch((e: Error) => e);
      expect(error).toMatchObject({ name: 'UserError' });
      expect((error as Error).message).toContain(message);
      expect(() => readFileSync(file)).toThrow();
    }
  });

  it('a caller without a relay is written as before, and a relay no caller uses is not read', async () => {
    const file = join(out, 'direct', 'direct.ts');
    const { relay: _, ...direct } = env.callers['consumer-b'] as { relay?: string };
    const callers = { ...env.callers, 'consumer-b': direct as ResolvedEnvironment['callers'][string] };
    await importTo(file, { ...env, callers });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(B_RELAY);
    expect(text).toContain("relay: 'outsider-c'");
    expect(text).toMatch(/'consumer-b': \{\n\s+role: '[^']+',\n\s+vpc: 'vpc-0b0b0b0b0b0b0b0b0',/);
  });
});
