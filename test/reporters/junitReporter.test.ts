import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { junitReporter } from '../../harness/reporters/junitReporter';
import type { CallResult } from '../../harness/run/runCall';
import type { Plan } from '../../harness/resolve/types';
import { joinPatterns } from '../support/joinPatterns';
import type { RunSummary } from '../../harness/run/runPlan';
import { callResult, plannedCall, planOf, sampleRun, sink, summaryOf } from './results';

// What JUnit viewers read: attributes kept as strings, entities and character references decoded,
// and the elements that may repeat always as arrays.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  htmlEntities: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => ['testsuite', 'testcase', 'property', 'failure'].includes(name),
});

interface Testcase {
  classname: string;
  name: string;
  time: string;
  failure?: { message: string; type: string; '#text': string }[];
  skipped?: unknown;
  'system-out'?: string;
  properties?: { property: { name: string; value: string }[] };
}
interface Testsuite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
  time: string;
  timestamp: string;
  testcase: Testcase[];
}
interface Document {
  testsuites: {
    name: string;
    tests: string;
    failures: string;
    errors: string;
    skipped: string;
    time: string;
    testsuite: Testsuite[];
  };
}

// Characters that XML 1.0 forbids even as references.
const INVALID_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function render(plan: Plan | undefined, summary: RunSummary, options = {}): { xml: string; doc: Document } {
  const out = sink();
  const reporter = junitReporter(out, { clock: { now: () => new Date('2026-11-29T14:00:00.000Z') }, ...options });
  if (plan) reporter.onBegin?.(plan);
  reporter.onEnd?.(summary);
  const xml = out.text;
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid.err)}\n${xml}`);
  expect(xml).not.toMatch(INVALID_XML);
  return { xml, doc: parser.parse(xml) as Document };
}

describe('junitReporter', () => {
  it('writes one testsuite per scenario and one testcase per call, with counts that match the results', () => {
    const { plan, summary } = sampleRun();
    const { xml, doc } = render(plan, summary);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    const root = doc.testsuites;
    expect(root).toMatchObject({
      name: 'lattice-e2e (local)',
      tests: '3',
      failures: '1',
      errors: '0',
      skipped: '0',
      time: '1.234',
    });
    expect(root.testsuite.map((s) => s.name)).toEqual(['in-org', 'out-of-org']);
    const [inOrg, outOfOrg] = root.testsuite;
    expect(inOrg).toMatchObject({
      tests: '2',
      failures: '0',
      errors: '0',
      skipped: '0',
      time: '2.512',
      timestamp: '2026-11-29T14:00:00',
    });
    expect(outOfOrg).toMatchObject({ tests: '1', failures: '1', errors: '0', skipped: '0', time: '0.040' });
    expect(inOrg.testcase.map((c) => [c.classname, c.name, c.time])).toEqual([
      ['in-org', 'consumer-b (consumer-b)', '0.012'],
      ['in-org', 'after-retry (consumer-b)', '2.500'],
    ]);
    expect(inOrg.testcase[0].failure).toBeUndefined();
    // Counts agree with the testcases themselves, as viewers recount them.
    const cases = root.testsuite.flatMap((s) => s.testcase);
    expect(cases).toHaveLength(summary.results.length);
    expect(cases.filter((c) => c.failure).length).toBe(summary.failed);
  });

  it('a failure names the outcome kind and carries expected, observed and the response text', () => {
    const { plan, summary } = sampleRun();
    const { doc } = render(plan, summary);
    const testcase = doc.testsuites.testsuite[1].testcase[0];
    expect(testcase.name).toBe('outsider-c (outsider-c)');
    const [failure] = testcase.failure!;
    expect(failure.type).toBe('denied');
    expect(failure.message).toBe('expected allow, observed denied by network');
    expect(failure['#text']).toContain(
      'expected: allow\nobserved: denied by network\nwhy:      expected allow, observed denied',
    );
    expect(failure['#text']).toContain(
      'request:  POST https://parking-0123456789abcdef0.7d67968.vpc-lattice-svcs.us-east-1.on.aws/',
    );
    expect(failure['#text']).toMatch(
      joinPatterns([
        /response:\nAccessDeniedException: User: arn:aws:sts::444444444444:assumed-role\/.*/,
        / because no network-based policy allows the vpc-lattice-svcs:Invoke action$/,
      ]),
    );
  });

  it('a flaky call passes, with a flaky marker, its attempts and the retried outcome kinds', () => {
    const { plan, summary } = sampleRun();
    const { doc } = render(plan, summary);
    const flaky = doc.testsuites.testsuite[0].testcase[1];
    expect(flaky.failure).toBeUndefined();
    expect(flaky.properties?.property).toEqual([
      { name: 'flaky', value: 'true' },
      { name: 'attempts', value: '3' },
      { name: 'retried', value: 'unreachable, http-error' },
    ]);
    expect(flaky['system-out']).toBe(
      'flaky: the expectation held on attempt 3, after retrying: unreachable, http-error',
    );
  });

  it('escapes markup, quotes and line breaks, shows what XML cannot carry escaped, clips very long bodies', () => {
    const hostile = 'a <b> & "c" \'d\' ]]> \u0000\u0001\u0008\u000b\u000c\u001b[31m\u007f \ud800 \ufffe end\r\n\ttab';
    const call = plannedCall('weird <"&\'> scenario', 'name with <tags> & "quotes"', 'outsider-c', { kind: 'allow' });
    const longBody = `${hostile}${'x'.repeat(200_000)}`;
    const results: CallResult[] = [
      callResult(call, { kind: 'http-error', status: 500, body: longBody }, 'failed', {
        verdict: { passed: false, reason: `why ${hostile}` },
      }),
    ];
    const { xml, doc } = render(planOf(results), summaryOf(results), { maxResponseChars: 1000 });
    expect(xml.length).toBeLessThan(5000);
    const suite = doc.testsuites.testsuite[0];
    expect(suite.name).toBe('weird <"&\'> scenario');
    const testcase = suite.testcase[0];
    expect(testcase.classname).toBe('weird <"&\'> scenario');
    expect(testcase.name).toBe('name with <tags> & "quotes" (outsider-c)');
    const failure = testcase.failure![0];
    expect(failure.type).toBe('http-error');
    // The message attribute keeps its line breaks as character references; controls are shown escaped.
    const shown = 'a <b> & "c" \'d\' ]]> \\x00\\x01\\x08\\x0b\\x0c\\x1b[31m\\x7f \\ud800 \\ufffe end\r\n\ttab';
    expect(failure.message).toContain(shown);
    expect(failure['#text']).toContain(`why:      why ${shown}`);
    expect(failure['#text']).toMatch(/x{100}… \(clipped: 200\d{3} chars in all\)$/);
  });

  it('carries no character that acts on a terminal: C1 (U+009B is a CSI), DEL, bidi overrides, a lone CR', () => {
    const body = 'ok\u009b2J\u202eexe\u2066\rPASS\u2028x';
    const call = plannedCall('s', 'c\u202e', 'outsider-c', { kind: 'allow' });
    const results = [callResult(call, { kind: 'http-error', status: 500, body }, 'failed')];
    const { xml, doc } = render(planOf(results), summaryOf(results));
    expect(xml).not.toMatch(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\r]|&#13;(?!&#10;|\n)/);
    const failure = doc.testsuites.testsuite[0].testcase[0].failure![0];
    expect(failure['#text']).toContain('ok\\x9b2J\\u202eexe\\u2066\\rPASS\\u2028x');
    expect(doc.testsuites.testsuite[0].testcase[0].name).toBe('c\\u202e (outsider-c)');
  });

  it('a run stopped by an error: the error as an errored testcase, the calls without a result skipped', () => {
    const { plan, results } = sampleRun();
    const out = sink();
    const reporter = junitReporter(out, { clock: { now: () => new Date('2026-11-29T14:00:00.000Z') } });
    reporter.onBegin?.(plan);
    reporter.onResult?.(results[0]);
    reporter.onError?.({ message: 'TypeError: boom\x1b[2J' });
    reporter.onEnd?.(summaryOf(results.slice(0, 1)));
    expect(XMLValidator.validate(out.text)).toBe(true);
    const doc = parser.parse(out.text) as Document;
    expect(doc.testsuites).toMatchObject({ tests: '4', failures: '0', errors: '1', skipped: '2' });
    const errored = doc.testsuites.testsuite.find((s) => s.name === 'lattice-e2e')!;
    expect(errored).toMatchObject({ tests: '1', errors: '1' });
    const { error } = errored.testcase[0] as unknown as { error: { message: string; type: string } };
    expect(error.type).toBe('internal-error');
    expect(error.message).toBe('TypeError: boom\\x1b[2J');
  });

  it('a call run until consistent notes how long it took to hold', () => {
    const results = [
      callResult(
        plannedCall('after-change', 'consumer-b', 'consumer-b', { kind: 'allow' }),
        { kind: 'allowed', status: 200, body: 'ok' },
        'passed',
        { attempts: 4, consistentAfterMs: 41_500 },
      ),
    ];
    const { doc } = render(planOf(results), summaryOf(results));
    const testcase = doc.testsuites.testsuite[0].testcase[0];
    expect(testcase.failure).toBeUndefined();
    expect(testcase.properties?.property).toEqual([{ name: 'consistent-after-ms', value: '41500' }]);
  });

  it('counts planned calls that never got a result as skipped', () => {
    const { results } = sampleRun();
    const plan = planOf(results);
    const { doc } = render(plan, summaryOf(results.slice(0, 2)));
    expect(doc.testsuites).toMatchObject({ tests: '3', failures: '0', errors: '0', skipped: '1' });
    expect(doc.testsuites.testsuite[1]).toMatchObject({ name: 'out-of-org', tests: '1', skipped: '1' });
    expect(doc.testsuites.testsuite[1].testcase[0].skipped).toBeDefined();
  });

  it('without a plan (no onBegin), the suites come from the results', () => {
    const { summary } = sampleRun();
    const { doc } = render(undefined, summary);
    expect(doc.testsuites).toMatchObject({ name: 'lattice-e2e', tests: '3', failures: '1', skipped: '0' });
    expect(doc.testsuites.testsuite.map((s) => [s.name, s.tests])).toEqual([
      ['in-org', '2'],
      ['out-of-org', '1'],
    ]);
  });

  it('an empty run is still a valid document', () => {
    const { doc } = render(planOf([]), summaryOf([], 3));
    expect(doc.testsuites).toMatchObject({ tests: '0', failures: '0', errors: '0', skipped: '0', time: '0.003' });
  });

  it('writes nothing until the run ends, then exactly one document', () => {
    const { plan, results, summary } = sampleRun();
    const out = sink();
    const reporter = junitReporter(out);
    reporter.onBegin?.(plan);
    for (const r of results) reporter.onResult?.(r);
    expect(out.text).toBe('');
    reporter.onEnd?.(summary);
    expect(out.text.match(/<testsuites /g)).toHaveLength(1);
  });
});
