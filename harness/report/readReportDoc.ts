import type { PolicyCoverage, StatementCoverage } from '../check/coverage';
import { UserError } from '../errors';
import type { ReportDoc } from './reportData';

const RESULT_FIELDS = ['scenario', 'name', 'caller', 'service', 'status'] as const;

/** A saved JSON report, checked for what the page reads; a mistake names the file and the field. */
export function readReportDoc(file: string, text: string): ReportDoc {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new UserError('CONFIG_INVALID', `${file}: not JSON (${(error as Error).message})`);
  }
  const fail = (field: string, what: string) => new UserError('CONFIG_INVALID', `${file}: ${field} ${what}`);
  const d = doc as Partial<ReportDoc> | null;
  if (typeof d !== 'object' || d === null || Array.isArray(d)) {
    throw fail('the document', 'must be an object (a JSON report)');
  }
  if (d.schemaVersion !== 1) {
    throw fail('schemaVersion', `must be 1 (a --reporter json report), got ${JSON.stringify(d.schemaVersion)}`);
  }
  if (!Array.isArray(d.results)) throw fail('results', 'must be a list');
  d.results.forEach((r, i) => {
    if (typeof r !== 'object' || r === null) throw fail(`results[${i}]`, 'must be an object');
    for (const key of RESULT_FIELDS) {
      if (typeof r[key] !== 'string') throw fail(`results[${i}].${key}`, 'must be a string');
    }
    if (typeof r.observed?.kind !== 'string') throw fail(`results[${i}].observed.kind`, 'must be a string');
    if (typeof r.expected?.kind !== 'string') throw fail(`results[${i}].expected.kind`, 'must be a string');
    if (typeof r.request?.method !== 'string') throw fail(`results[${i}].request.method`, 'must be a string');
  });
  if (typeof d.summary !== 'object' || d.summary === null) throw fail('summary', 'must be an object');
  return d as ReportDoc;
}

function mergeCoverage(all: PolicyCoverage[]): PolicyCoverage | undefined {
  if (all.length <= 1) return all[0];
  const byKey = new Map<string, StatementCoverage>();
  const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];
  for (const s of all.flatMap((c) => c.statements)) {
    const key = `${s.subject}#${s.index}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, structuredClone(s));
    else {
      seen.decided = union(seen.decided, s.decided);
      seen.notApplied = union(seen.notApplied, s.notApplied);
      for (const c of s.conditions) {
        const into = seen.conditions.find((x) => x.operator === c.operator && x.key === c.key);
        if (!into) continue;
        into.matched = union(into.matched, c.matched);
        into.notMatched = union(into.notMatched, c.notMatched);
      }
    }
  }
  const statements = [...byKey.values()];
  const covered = statements.filter((s) => s.decided.length > 0).length;
  const total = statements.length;
  return { statements, covered, total, percent: total === 0 ? 100 : Math.floor((covered / total) * 1000) / 10 };
}

/** Several runs as one page: their calls in order, the counts summed, the coverage united. */
export function mergeForPage(docs: ReportDoc[]): ReportDoc {
  if (docs.length === 1) return docs[0];
  const sum = (f: (d: ReportDoc) => number) => docs.reduce((n, d) => n + f(d), 0);
  const errors = docs.flatMap((d) => d.errors ?? []);
  const coverage = mergeCoverage(docs.flatMap((d) => (d.coverage ? [d.coverage] : [])));
  return {
    schemaVersion: 1,
    environment: [...new Set(docs.map((d) => d.environment ?? 'unknown'))].join(', '),
    startedAt: docs.map((d) => d.startedAt).sort()[0],
    durationMs: sum((d) => d.durationMs),
    summary: {
      total: sum((d) => d.summary.total),
      passed: sum((d) => d.summary.passed),
      failed: sum((d) => d.summary.failed),
      flaky: sum((d) => d.summary.flaky),
    },
    ...(errors.length > 0 && { errors, planned: sum((d) => d.planned ?? d.summary.total) }),
    results: docs.flatMap((d) => d.results),
    ...(coverage && { coverage }),
  };
}
