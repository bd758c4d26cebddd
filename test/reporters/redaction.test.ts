import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { githubReporter } from '../../harness/reporters/githubReporter';
import { jsonReporter } from '../../harness/reporters/jsonReporter';
import { junitReporter } from '../../harness/reporters/junitReporter';
import type { Reporter } from '../../harness/reporters/Reporter';
import { Redactor } from '../../harness/run/Redactor';
import type { CallResult } from '../../harness/run/runCall';
import { callResult, plannedCall, planOf, sink, summaryOf } from './results';

// Fakes shaped like the real thing: an STS session token and a SigV4 signature of this run.
const SESSION_TOKEN =
  'IQoJb3JpZ2luX2VjEFAKEaCXVzLWVhc3QtMSJHMEUCIQDfakefakefakeSESSIONtokenFORtestsONLY0123456789abcdef';
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY0000';
const SIGNATURE = 'f4a2c1d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1';

/** Results whose response texts echo the run's secrets, bare and in the places a server echoes them. */
function leakyResults(): CallResult[] {
  const echo = [
    `x-amz-security-token: ${SESSION_TOKEN}`,
    `Authorization: AWS4-HMAC-SHA256 ` +
      `Credential=ASIAFAKE/20261129/us-east-1/vpc-lattice-svcs/aws4_request, ` +
      `SignedHeaders=host;x-amz-date, Signature=${SIGNATURE}`,
    `bare token ${SESSION_TOKEN} and bare signature ${SIGNATURE} and key ${SECRET_KEY}`,
  ].join('\n');
  return [
    callResult(
      plannedCall('echo', 'allowed-echo', 'consumer-b', { kind: 'deny', layer: 'network' }),
      { kind: 'allowed', status: 200, body: echo },
      'failed',
      {
        verdict: { passed: false, reason: `expected a network denial, observed allowed: ${echo}` },
      },
    ),
    callResult(
      plannedCall('echo', 'server-error', 'consumer-b', { kind: 'allow' }),
      { kind: 'http-error', status: 500, body: echo },
      'failed',
    ),
    callResult(
      plannedCall('echo', 'signature', 'consumer-b', { kind: 'allow' }),
      { kind: 'signature-rejected', status: 403, code: 'InvalidSignatureException', message: echo },
      'failed',
    ),
    callResult(
      plannedCall('echo', 'flaky', 'consumer-b', { kind: 'allow' }),
      { kind: 'allowed', status: 200, body: echo },
      'flaky',
      { attempts: 2, retried: ['unreachable'] },
    ),
  ];
}

/** Every reporter that writes a report a person or a CI system keeps. */
async function renderAll(results: CallResult[]): Promise<Record<string, string>> {
  const junit = sink();
  const json = sink();
  const annotations = sink();
  const summaryFile = join(mkdtempSync(join(tmpdir(), 'lattice-e2e-redaction-')), 'summary.md');
  const reporters: Reporter[] = [
    junitReporter(junit),
    jsonReporter(json),
    githubReporter({ annotations, summaryFile }),
  ];
  const plan = planOf(results);
  const summary = summaryOf(results);
  for (const reporter of reporters) {
    await reporter.onBegin?.(plan);
    for (const r of results) await reporter.onResult?.(r);
    await reporter.onEnd?.(summary);
  }
  return {
    junit: junit.text,
    json: json.text,
    annotations: annotations.text,
    summary: readFileSync(summaryFile, 'utf8'),
  };
}

describe('reports carry no secret of the run', () => {
  it(
    'given results redacted by the run, no report contains the session ' + 'token, the secret key or the signature',
    async () => {
      const redactor = new Redactor();
      redactor.add(SECRET_KEY, SESSION_TOKEN);
      redactor.add(SIGNATURE);
      const outputs = await renderAll(redactor.redactDeep(leakyResults()));
      for (const [name, text] of Object.entries(outputs)) {
        expect(text, name).toContain('[redacted]');
        for (const secret of [SESSION_TOKEN, SECRET_KEY, SIGNATURE])
          expect(text.includes(secret), `${name} contains a secret`).toBe(false);
      }
    },
  );

  it('(the check above can fail: unredacted results do reach every report)', async () => {
    const outputs = await renderAll(leakyResults());
    for (const text of Object.values(outputs)) expect(text).toContain(SESSION_TOKEN);
  });
});
