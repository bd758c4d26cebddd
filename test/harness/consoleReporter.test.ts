import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../harness/classify/outcome';
import { consoleReporter } from '../../harness/reporters/consoleReporter';
import type { PlannedCall } from '../../harness/resolve/types';
import type { CallResult } from '../../harness/run/runCall';
import {
  callResult,
  NETWORK_DENIAL,
  OUTSIDER,
  plannedCall,
  planOf,
  SERVICE_ARN,
  summaryOf,
} from '../reporters/results';

const call: PlannedCall = {
  id: 's › c',
  scenario: 's',
  name: 'c',
  caller: { kind: 'anonymous', name: 'c' },
  service: {
    name: 'svc',
    url: new URL('https://svc.example/'),
    arn: 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0',
  },
  request: { method: 'GET', path: '/', headers: {}, query: {} },
  expect: { kind: 'deny', layer: 'network' },
};

// What a hostile service could answer: retitle the terminal (OSC 0), erase the screen, return to
// the start of the line and print a fake PASS, reverse what follows (U+202E), a one-character CSI
// (U+009B), and lines that GitHub would read as workflow commands.
const HOSTILE =
  'ok\x1b]0;pwned\x07\x1b[2J\rPASS all good\u202etxt.exe\u009b31m' + '\n::stop-commands::pwned\r\n::error::fake\u0007';

// Characters that act on a terminal. ESC only in our own color codes, when color is on.
const ACTIVE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const serverError = (body: string): Outcome => ({ kind: 'http-error', status: 500, body });
const passedWith = (name: string, body: string) =>
  callResult(
    plannedCall('in-org', name, 'consumer-b', { kind: 'allow' }),
    { kind: 'allowed', status: 200, body },
    'passed',
  );

async function render(results: CallResult[], color = false, error?: string): Promise<string> {
  let out = '';
  const reporter = consoleReporter({ write: (t: string) => (out += t) }, color);
  const plan = planOf(results);
  await reporter.onBegin?.(plan);
  for (const r of results) {
    if (r.attempts > 1) {
      await reporter.onRetry?.({ call: r.call, attempt: 1, outcome: r.outcome, delayMs: 10, reason: 'transient' });
    }
    await reporter.onResult?.(r);
  }
  if (error) await reporter.onError?.({ message: error });
  await reporter.onEnd?.(summaryOf(results));
  return out;
}

describe('consoleReporter', () => {
  it('prints no terminal escape from a response, a reason or a name: every one is shown escaped', async () => {
    const caller = { kind: 'anonymous' as const, name: `c${HOSTILE}` };
    const hostileCall = { ...call, id: `s › c${HOSTILE}`, caller };
    const result: CallResult = {
      call: hostileCall,
      outcome: { kind: 'http-error', status: 500, body: HOSTILE },
      verdict: { passed: false, reason: `expected a denial, observed ${HOSTILE}` },
      status: 'failed',
      attempts: 3,
      retried: ['http-error', 'http-error'],
      durationMs: 1,
    };
    const out = await render([result], false, `TypeError: ${HOSTILE}`);
    expect(out).not.toMatch(ACTIVE);
    // Each line a line of ours: a body can neither start one (workflow commands) nor overwrite one.
    expect(out.split('\n').filter((line) => line.startsWith('::') || line.startsWith('PASS'))).toEqual([]);
    const shown =
      'ok\\x1b]0;pwned\\x07\\x1b[2J\\rPASS all good\\u202etxt.exe\\x9b31m' +
      '\\n::stop-commands::pwned\\r\\n::error::fake\\x07';
    expect(out).toContain(`     response: ${shown}\n`);
    expect(out).toContain(`     why:      expected a denial, observed ${shown}\n`);
    expect(out).toContain(`ERROR error: the run stopped: TypeError: ${shown}\n`);
    expect(out).toContain('0 passed, 1 failed');
  });

  it('with color on, the only escapes are its own color codes', async () => {
    const result = callResult(plannedCall('s', 'c', 'outsider-c', { kind: 'allow' }), serverError(HOSTILE), 'failed');
    const out = await render([result], true);
    const escapes = out.match(/\x1b[^m]*m/g) ?? [];
    expect(escapes.length).toBeGreaterThan(0);
    for (const sequence of escapes) expect(sequence).toMatch(/^\x1b\[(0|31|32|33)m$/);
    expect(out.replace(/\x1b\[(0|31|32|33)m/g, '')).not.toMatch(ACTIVE);
  });

  it("shows every call's response text on one line, a denial's AccessDenied text whole", async () => {
    const denied = callResult(
      plannedCall('out-of-org', 'outsider-c', 'outsider-c', { kind: 'deny', layer: 'network' }),
      {
        kind: 'denied',
        layer: 'network',
        explicit: false,
        principal: OUTSIDER,
        resource: `${SERVICE_ARN}/`,
        body: NETWORK_DENIAL,
      },
      'passed',
    );
    const allowed = passedWith('consumer-b', '"Lattice Success!"\n');
    const long = passedWith('long', 'z'.repeat(5000));
    const lines = (await render([denied, allowed, long])).split('\n');
    const responses = lines.filter((line) => line.startsWith('     response: '));
    expect(responses).toEqual([
      `     response: ${NETWORK_DENIAL}`,
      '     response: "Lattice Success!"\\n',
      `     response: ${'z'.repeat(400)}… (5000 chars)`,
    ]);
    // Right under its call's line.
    expect(lines[lines.indexOf(responses[0]) - 1]).toMatch(/^PASS out-of-org › outsider-c /);
  });

  it('a run stopped by an error says so in its last line, with the calls that ran', async () => {
    const passed = passedWith('consumer-b', 'ok');
    let out = '';
    const reporter = consoleReporter({ write: (t: string) => (out += t) });
    await reporter.onBegin?.(planOf([passed, passed, passed]));
    await reporter.onResult?.(passed);
    await reporter.onError?.({ message: 'TypeError: boom' });
    await reporter.onEnd?.(summaryOf([passed]));
    expect(out).toContain('1 passed, 0 failed; the run stopped early, 1 of 3 calls ran (1 call, 1234 ms)');
  });

  it('prints the final table of 200,000 results', async () => {
    const base = plannedCall('big', 'c', 'consumer-b', { kind: 'allow' });
    const ok: Outcome = { kind: 'allowed', status: 200, body: 'ok' };
    const results = Array.from({ length: 200_000 }, (_, i) =>
      callResult({ ...base, id: `big › c${i}`, name: `c${i}` }, ok, 'passed'),
    );
    let out = '';
    const reporter = consoleReporter({ write: (t: string) => (out += t) });
    await reporter.onEnd?.(summaryOf(results));
    const rows = out.split('\n').filter((line) => line.startsWith('PASSED  big › c'));
    expect(rows).toHaveLength(200_000);
    // Padded to the widest call id.
    expect(rows[0]).toMatch(/^PASSED {2}big › c0 {5} {2}allow /);
    expect(out).toContain('200000 passed, 0 failed (200000 calls, 1234 ms)');
  }, 120_000); // seconds of work on a loaded machine: no bound on speed, only on correctness
});
