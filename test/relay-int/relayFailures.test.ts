import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { createCredentialSource } from '../../harness/credentials/createCredentialSource';
import { localEnvironment } from '../../harness/environments/localEnvironment';
import { consoleReporter } from '../../harness/reporters/consoleReporter';
import { githubReporter } from '../../harness/reporters/githubReporter';
import { htmlReporter } from '../../harness/reporters/htmlReporter';
import { jsonReporter } from '../../harness/reporters/jsonReporter';
import { junitReporter } from '../../harness/reporters/junitReporter';
import { multiplexReporters } from '../../harness/reporters/multiplexReporters';
import type { Plan, PlannedCall, ResolvedEnvironment } from '../../harness/resolve/types';
import { Redactor } from '../../harness/run/Redactor';
import { runPlan } from '../../harness/run/runPlan';
import { loadWorld } from '../../world';
import { planScenarios } from '../scenarios/planScenarios';
import { projectRoot } from '../support/paths';
import { sink } from '../reporters/results';

const dir = join(projectRoot, 'scenarios');
const B_RELAY = 'arn:aws:lambda:us-east-1:222222222222:function:lattice-e2e-relay-consumer-b';

/** A loopback port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function run(plan: Plan) {
  const out = { json: sink(), junit: sink(), console: sink(), annotations: sink(), html: sink() };
  const summaryFile = join(mkdtempSync(join(tmpdir(), 'lattice-e2e-relay-')), 'summary.md');
  const reporter = multiplexReporters([
    { name: 'json', reporter: jsonReporter(out.json as never) },
    { name: 'junit', reporter: junitReporter(out.junit as never) },
    { name: 'html', reporter: htmlReporter(out.html as never) },
    { name: 'console', reporter: consoleReporter(out.console as never) },
    {
      name: 'github',
      reporter: githubReporter({ summaryFile, annotations: out.annotations, scenarioDir: 'scenarios' }),
    },
  ]);
  const redactor = new Redactor();
  const env = plan.environment;
  if (env.credentials.kind === 'static') redactor.add(env.credentials.keys.secretAccessKey);
  const summary = await runPlan(plan, { reporter, redactor, credentials: createCredentialSource(env) });
  expect(reporter.failures).toEqual([]);
  return { summary, out, summaryFile, doc: JSON.parse(out.json.text) };
}

// What a relay could not bring back is `relay-failed`, in every report, never a pass of any expectation.
describe('relay failures through the local world', () => {
  let world: LocalWorld;
  let env: ResolvedEnvironment;
  let calls: PlannedCall[];
  beforeAll(async () => {
    // Answers up to 512 bytes: parking's passes, echo's (the whole request echoed back) does not.
    world = await startLocalWorld({ spec: await loadWorld('relays', dir), relayLimits: { maxAnswerBytes: 512 } });
    env = localEnvironment(world);
    calls = (await planScenarios(dir, env)).calls;
  });
  afterAll(() => world?.close());

  const callOf = (scenario: string) => calls.find((c) => c.scenario === scenario)!;

  it('names the refusal and the relay in json, junit, console, github and html reports', async () => {
    const inOrg = callOf('relays-in-org');
    // An environment may send an unsigned caller through a relay (a world refuses it): the relay will not.
    const anonymous = { kind: 'anonymous' as const, name: 'anonymous', relay: B_RELAY };
    const plan: Plan = {
      environment: env,
      calls: [
        inOrg,
        // Not a host the relay was deployed for.
        {
          ...inOrg,
          id: 'relays › elsewhere',
          name: 'elsewhere',
          service: { ...inOrg.service, url: new URL('https://example.com/') },
        },
        // Unsigned: relays send signed requests only, and a deny expectation is not met by a refusal.
        { ...callOf('relays-out-of-org'), id: 'relays › unsigned', name: 'unsigned', caller: anonymous },
        // The echo answer is larger than the relay's limit: refused, never truncated.
        { ...callOf('relays-source-vpc'), id: 'relays › oversized', name: 'oversized' },
      ],
    };
    const { summary, out, summaryFile, doc } = await run(plan);
    expect(summary).toMatchObject({ passed: 1, failed: 3 });
    const observed = doc.results.map((r: { observed: unknown }) => r.observed);
    expect(observed[0]).toMatchObject({ kind: 'allowed', status: 200, body: '"Lattice Success!"' });
    const reasons = ['destination-not-allowed', 'unsigned', 'answer-too-large'];
    for (const [i, reason] of reasons.entries()) {
      expect(observed[i + 1]).toMatchObject({ kind: 'relay-failed', relay: B_RELAY, reason, transient: false });
      expect(doc.results[i + 1].passed).toBe(false);
    }
    expect(doc.results[2].reason).toContain('observed relay-failed');
    const summaryText = readFileSync(summaryFile, 'utf8');
    for (const text of [out.junit.text, out.console.text, summaryText, out.html.text]) {
      expect(text).toContain('relay failed');
      expect(text).toContain(B_RELAY);
    }
    expect(out.junit.text).toContain('type="relay-failed"');
    // The runner's secret key and the callers' session tokens appear nowhere.
    const all = Object.values(out)
      .map((s) => s.text)
      .join('\n');
    for (const key of world.world.issuedKeys()) {
      expect(all).not.toContain(key.secretAccessKey);
      if (key.sessionToken) expect(all).not.toContain(key.sessionToken);
    }
  });

  it('a Lambda endpoint that refuses the connection is relay-failed, never denied', async () => {
    const down = { ...env, lambdaEndpoint: `http://127.0.0.1:${await closedPort()}` };
    const plan: Plan = { environment: down, calls: [callOf('relays-out-of-org')] };
    const { summary, doc } = await run(plan);
    expect(summary).toMatchObject({ passed: 0, failed: 1 });
    expect(doc.results[0].observed).toMatchObject({
      kind: 'relay-failed',
      relay: 'arn:aws:lambda:us-east-1:444444444444:function:lattice-e2e-relay-outsider-c',
      reason: 'invoke-failed',
    });
    expect(doc.results[0].observed.message).toMatch(/^ECONNREFUSED: /);
  });
});
