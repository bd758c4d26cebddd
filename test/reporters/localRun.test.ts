import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialSource } from '../../harness/credentials/createCredentialSource';
import { githubReporter } from '../../harness/reporters/githubReporter';
import { junitReporter } from '../../harness/reporters/junitReporter';
import { multiplexReporters } from '../../harness/reporters/multiplexReporters';
import { Redactor } from '../../harness/run/Redactor';
import { runPlan } from '../../harness/run/runPlan';
import { openEnvironment, planScenarios, type OpenEnvironment } from '../scenarios/planScenarios';
import { projectRoot } from '../support/paths';
import { sink } from './results';

// The reporters on a real run of the project's scenarios against the embedded local world.
describe('junit and github reporters on a local run', () => {
  let open: OpenEnvironment;
  beforeAll(async () => {
    open = await openEnvironment({ env: 'local', dir: join(projectRoot, 'scenarios') }, {});
  });
  afterAll(() => open?.close());

  it('report every scenario call, as the run saw it', async () => {
    const plan = await planScenarios(join(projectRoot, 'scenarios'), open.env);
    const junit = sink();
    const annotations = sink();
    const summaryFile = join(mkdtempSync(join(tmpdir(), 'lattice-e2e-local-run-')), 'summary.md');
    const reporter = multiplexReporters([
      { name: 'junit', reporter: junitReporter(junit) },
      { name: 'github', reporter: githubReporter({ summaryFile, annotations, scenarioDir: 'scenarios' }) },
    ]);
    const redactor = new Redactor();
    if (open.env.credentials.kind === 'static') redactor.add(open.env.credentials.keys.secretAccessKey);
    const summary = await runPlan(plan, { reporter, redactor, credentials: createCredentialSource(open.env) });
    expect(reporter.failures).toEqual([]);

    expect(XMLValidator.validate(junit.text)).toBe(true);
    const doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (n) => ['testsuite', 'testcase'].includes(n),
    }).parse(junit.text);
    const cases = doc.testsuites.testsuite.flatMap((s: { testcase: unknown[] }) => s.testcase);
    expect(Number(doc.testsuites.tests)).toBe(plan.calls.length);
    expect(cases).toHaveLength(plan.calls.length);
    expect(Number(doc.testsuites.failures)).toBe(summary.failed);
    expect(doc.testsuites.testsuite.map((s: { name: string }) => s.name)).toEqual([
      ...new Set(plan.calls.map((c) => c.scenario)),
    ]);

    const markdown = readFileSync(summaryFile, 'utf8');
    for (const call of plan.calls)
      expect(markdown).toContain(`| ${call.scenario} | ${call.name} | ${call.caller.name} |`);
    expect(annotations.text.split('\n').filter(Boolean)).toHaveLength(summary.failed + summary.flaky);
  });
});
