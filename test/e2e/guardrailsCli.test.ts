import { describe, expect, it } from 'vitest';
import { runInProcess, scenarioInProcess } from '../support/runInProcess';

const runCheck = (args: string[]) => runInProcess('check.ts', args);
/** One command per test; on a loaded 2-core machine one takes seconds. */
const CLI_TIMEOUT_MS = 90_000;

// What each call of the guardrails scenarios must give: the layer the AWS documentation says refuses.
const EXPECTED: Record<string, { kind: string; layer?: string; explicit?: boolean }> = {
  'guardrails-allowed › workload': { kind: 'allowed' },
  'guardrails-allowed › workload-scoped-invoke': { kind: 'allowed' },
  'guardrails-allowed › management': { kind: 'allowed' },
  'guardrails-organization › sandbox': { kind: 'denied', layer: 'organization', explicit: true },
  'guardrails-boundary › workload-bounded': { kind: 'denied', layer: 'boundary', explicit: false },
  'guardrails-session › workload-scoped-down': { kind: 'denied', layer: 'session', explicit: false },
};

describe('the guardrails world through both commands', () => {
  it(
    'npm run scenario -- --world guardrails --all: every call holds, each refused by the layer expected',
    async () => {
      const run = await scenarioInProcess(['--world', 'guardrails', '--all', '--reporter', 'json']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const doc = JSON.parse(run.stdout);
      expect(doc.summary).toMatchObject({ total: 6, passed: 6, failed: 0, flaky: 0 });
      const observed = Object.fromEntries(
        doc.results.map(
          (r: { scenario: string; name: string; observed: { kind: string; layer?: string; explicit?: boolean } }) => [
            `${r.scenario} › ${r.name}`,
            {
              kind: r.observed.kind,
              ...(r.observed.layer && { layer: r.observed.layer, explicit: r.observed.explicit }),
            },
          ],
        ),
      );
      expect(observed).toEqual(EXPECTED);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'npm run check -- --world guardrails: agrees, and --explain names the SCP, where it is attached, and its file',
    async () => {
      const run = await runCheck(['--world', 'guardrails', '--explain']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      for (const [call, e] of Object.entries(EXPECTED)) {
        const predicted =
          e.kind === 'allowed' ? 'allowed 200 "orders"' : `denied by ${e.layer}${e.explicit ? ' (explicit deny)' : ''}`;
        expect(run.stdout).toMatch(
          new RegExp(`^AGREES +${call} .*\\n.*\\n +predicted: ${predicted.replace(/[()]/g, '\\$&')}\\n`, 'm'),
        );
      }
      expect(run.stdout).toContain(
        'scp      SCP invoke-only-from-workloads attached to root r-gr01: ' +
          'denies (explicit deny); explicit deny at r-gr01 ' +
          '[scenarios/worlds/guardrails/scp-invoke-only-from-workloads.json]',
      );
      expect(run.stdout).toContain(
        'ForAllValues:StringNotLike aws:PrincipalOrgPaths: request value ["o-gr4rdr41l5/r-gr01/ou-gr01-5andb0x0/"] ' +
          'vs policy value "o-gr4rdr41l5/r-gr01/ou-gr01-wrk10ads/*": matches',
      );
      expect(run.stdout).toContain(
        'boundary permissions boundary: denies (no statement allows) ' +
          '[scenarios/worlds/guardrails/boundary-no-invoke.json]',
      );
      expect(run.stdout).toContain(
        'session  inline session policy: denies (no statement allows); 1 session policies ' +
          '[scenarios/worlds/guardrails/session-storage-only.json]',
      );
      expect(run.stdout).toContain('scp      SCPs: not applicable; the management account is not restricted by SCPs');
      expect(run.stdout).toContain('6 agree, 0 disagree');
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'npm run check -- --json: the explanation carries the deciding SCP with its place and file',
    async () => {
      const run = await runCheck(['--world', 'guardrails', 'guardrails-organization', '--json']);
      expect(run.code).toBe(0);
      const [result] = JSON.parse(run.stdout).results;
      expect(result.predicted).toMatchObject({ kind: 'denied', layer: 'organization', explicit: true });
      expect(result.explanation.guardrails).toEqual([
        expect.objectContaining({
          layer: 'organization',
          policyType: 'scp',
          subject: 'SCP invoke-only-from-workloads attached to root r-gr01',
          files: ['scenarios/worlds/guardrails/scp-invoke-only-from-workloads.json'],
          decision: 'ExplicitDeny',
        }),
      ]);
    },
    CLI_TIMEOUT_MS,
  );
});
