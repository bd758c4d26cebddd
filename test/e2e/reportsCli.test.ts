import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { startLocalWorld } from '../../emulator/startLocalWorld';
import { runScenarioCli } from '../../harness/cli/runScenarioCli';
import { sendRequest } from '../../harness/send/sendRequest';
import { projectRoot } from '../support/paths';
import { scenarioDir } from '../support/runCli';

// A run with passes and failures, where the echo target sends back every header it received,
// the Authorization header (with its signature) and the session token included.
const dir = scenarioDir({
  'mixed.ts': `import { defineScenario } from HARNESS;
export default defineScenario({ service: 'parking', calls: [
  { caller: 'consumer-b', expect: { allow: { status: 200, body: '"Lattice Success!"' } } },
  { caller: 'outsider-c', expect: { allow: true } },
  { caller: 'consumer-b-isolated-vpc', name: 'isolated', expect: { deny: 'network' } },
] });`,
  'three.ts': `import { defineScenario } from HARNESS;
export default defineScenario({ service: 'parking', calls: [
  { caller: 'consumer-b', expect: { allow: true } },
  { caller: 'outsider-c', expect: { deny: 'network' } },
  { caller: 'consumer-b', name: 'third', expect: { allow: true } },
] });`,
  'echo.ts': `import { defineScenario } from HARNESS;
export default defineScenario({ service: 'echo', calls: [
  { caller: 'consumer-b', expect: { allow: { bodyIncludes: 'not in the echo' } } },
  { caller: 'outsider-c', expect: { deny: 'service' } },
] });`,
});

describe('reports of a run with failures', () => {
  it('json, junit, github and console agree on the counts and carry no secret, token or signature', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lattice-e2e-reports-'));
    const summaryFile = join(out, 'summary.md');
    writeFileSync(summaryFile, '# earlier step\n');
    let stdout = '';
    let stderr = '';
    const local = await startLocalWorld();
    const code = await runScenarioCli(
      [
        'mixed',
        'echo',
        '--dir',
        dir,
        '--reporter',
        'console',
        '--reporter',
        `json=${join(out, 'results.json')}`,
        '--reporter',
        `junit=${join(out, 'junit.xml')}`,
        '--reporter',
        'github',
      ],
      {
        stdout: { write: (t: string) => (stdout += t) },
        stderr: { write: (t: string) => (stderr += t) },
        env: { GITHUB_STEP_SUMMARY: summaryFile },
      },
      { localWorld: local },
    ).finally(() => local.close());
    expect(stderr).toBe('');
    expect(code).toBe(1);

    const json = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(json.summary).toEqual({ total: 5, passed: 1, failed: 4, flaky: 0 });
    const junitText = readFileSync(join(out, 'junit.xml'), 'utf8');
    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(junitText);
    expect(Number(junit.testsuites.tests)).toBe(5);
    expect(Number(junit.testsuites.failures)).toBe(4);
    const summary = readFileSync(summaryFile, 'utf8');
    expect(summary.startsWith('# earlier step\n')).toBe(true);
    expect(stdout.match(/^::error /gm)?.length).toBe(4);
    expect(stdout).toContain('1 passed, 4 failed');

    // The echo target really did send the credentials back: the reports show them redacted.
    const echoed = json.results.find(
      (r: { scenario: string; caller: string }) => r.scenario === 'echo' && r.caller === 'consumer-b',
    );
    expect(echoed.observed.body).toContain('x-amz-security-token');
    expect(echoed.observed.body).toContain('[redacted]');

    const secrets = local.world
      .issuedKeys()
      .flatMap((k) => [k.secretAccessKey, k.sessionToken].filter((v): v is string => Boolean(v)));
    expect(secrets.length).toBeGreaterThanOrEqual(5); // the runner's key and a session per role
    const reports = { stdout, json: JSON.stringify(json), junit: junitText, summary };
    for (const [name, text] of Object.entries(reports)) {
      for (const secret of secrets) expect(text.includes(secret), `${name} holds a secret`).toBe(false);
      expect(text, `${name} holds a signature`).not.toMatch(/Signature=[0-9a-f]{64}/);
      expect(text, `${name} holds a session token`).not.toMatch(/x-amz-security-token"?\s*[:=]\s*"?[A-Za-z0-9+/]{40}/i);
    }
  });

  it('a reporter that cannot write its file does not lose the others, and the run exits 2', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lattice-e2e-reports-'));
    writeFileSync(join(out, 'blocker'), 'a file where a folder is wanted');
    let stdout = '';
    let stderr = '';
    const code = await runScenarioCli(
      [
        'in-org',
        '--dir',
        join(projectRoot, 'scenarios'),
        '--reporter',
        'console',
        '--reporter',
        `junit=${join(out, 'blocker', 'junit.xml')}`,
        '--reporter',
        `json=${join(out, 'results.json')}`,
      ],
      { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: {} },
      { startLocalWorld: (spec) => startLocalWorld({ spec }) },
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/reporter .*junit\.xml failed in write/);
    expect(stdout).toContain('1 passed, 0 failed');
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).summary.passed).toBe(1);
  });

  it('refuses two document reporters on stdout', async () => {
    let stderr = '';
    const code = await runScenarioCli(['in-org', '--reporter', 'json', '--reporter', 'console'], {
      stdout: { write: () => true },
      stderr: { write: (t: string) => (stderr += t) },
      env: {},
    });
    expect(code).toBe(2);
    expect(stderr).toContain('only one reporter may write to stdout');
  });

  it('an internal error in mid-run: every report is written with the results so far and the error', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lattice-e2e-reports-'));
    const summaryFile = join(out, 'summary.md');
    let stdout = '';
    let stderr = '';
    let sent = 0;
    const tokens: string[] = [];
    const local = await startLocalWorld();
    const code = await runScenarioCli(
      [
        'three',
        '--dir',
        dir,
        '--concurrency',
        '1',
        '--reporter',
        'console',
        '--reporter',
        'github',
        '--reporter',
        `json=${join(out, 'results.json')}`,
        '--reporter',
        `junit=${join(out, 'junit.xml')}`,
      ],
      {
        stdout: { write: (t: string) => (stdout += t) },
        stderr: { write: (t: string) => (stderr += t) },
        env: { GITHUB_STEP_SUMMARY: summaryFile },
      },
      {
        localWorld: local,
        // The real transport, until a bug in it throws on the third call (quoting the request's session token).
        send: async (req, options) => {
          if (++sent < 3) return sendRequest(req, options);
          const token = String(req.headers['x-amz-security-token']);
          tokens.push(token);
          throw new TypeError(`cannot read the answer to a request with token ${token}`);
        },
      },
    ).finally(() => local.close());
    expect(code).toBe(2);
    const message = 'TypeError: cannot read the answer to a request with token [redacted]';
    expect(stderr.startsWith(`internal error: ${message}\n`)).toBe(true);
    expect(stderr).toMatch(/\n\s+at /);

    const json = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(json.summary).toEqual({ total: 2, passed: 2, failed: 0, flaky: 0 });
    expect(json.planned).toBe(3);
    expect(json.errors).toEqual([{ message }]);
    expect(json.results.map((r: { caller: string }) => r.caller)).toEqual(['consumer-b', 'outsider-c']);

    const junitText = readFileSync(join(out, 'junit.xml'), 'utf8');
    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(junitText);
    expect(junit.testsuites).toMatchObject({ tests: '4', failures: '0', errors: '1', skipped: '1' });

    expect(stdout).toContain(`ERROR error: the run stopped: ${message}`);
    expect(stdout).toContain('2 passed, 0 failed; the run stopped early, 2 of 3 calls ran');
    expect(stdout).toMatch(/^::error title=lattice-e2e::the run stopped on an internal error: TypeError/m);
    expect(readFileSync(summaryFile, 'utf8')).toContain('the run stopped on an internal error');

    expect(tokens).toHaveLength(1);
    const reports = [stdout, stderr, junitText, JSON.stringify(json), readFileSync(summaryFile, 'utf8')];
    for (const text of reports) expect(text).not.toContain(tokens[0]);
  });
});
