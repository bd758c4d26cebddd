import { relative } from 'node:path';
import type { SourceOrgIdMode } from '../../policy';
import { formatExpectation } from '../judge/judgeOutcome';
import { formatExplanation } from './formatExplanation';
import type { CallCheck, CheckReport, LintFinding, Prediction, PredictionKind } from './types';

/** One line per prediction kind; the compiler demands a line for every new kind. */
export const describePrediction: { [K in PredictionKind]: (p: Extract<Prediction, { kind: K }>) => string } = {
  allowed: (p) => ['allowed', p.status, p.body].filter((x) => x !== undefined).join(' '),
  denied: (p) => `denied by ${p.layer}${p.explicit ? ' (explicit deny)' : ''}`,
  unreachable: (p) => `unreachable (${p.code}: ${p.message})`,
  'credentials-failed': (p) => `credentials failed for ${p.role} (${p.code}: ${p.message})`,
  'relay-failed': (p) => `relay failed: ${p.relay} (${p.reason}: ${p.message})`,
};

export function formatPrediction(prediction: Prediction): string {
  return (describePrediction[prediction.kind] as (p: Prediction) => string)(prediction);
}

export interface FormatOptions {
  /** Explain every call, not only the disagreements. */
  explain: boolean;
  sourceOrgIdMode: SourceOrgIdMode;
  /** File names are shown relative to this folder. */
  cwd?: string;
}

function callLines(c: CallCheck, options: FormatOptions): string[] {
  const lines = [
    `${c.agrees ? 'AGREES   ' : 'DISAGREES'} ${c.call.id}  ` +
      `caller=${c.call.caller.name}  service=${c.call.service.name}`,
  ];
  lines.push(`    expected:  ${formatExpectation(c.call.expect)}`);
  if (c.error) return [...lines, `    predicted: nothing (${c.error})`];
  const prediction = c.prediction!;
  lines.push(`    predicted: ${formatPrediction(prediction)}`);
  if (prediction.kind === 'denied') lines.push(`    response:  ${prediction.message}`);
  if (c.reason) lines.push(`    why:       ${c.reason}`);
  if (c.notCompared) lines.push(`    not compared: ${c.notCompared}`);
  if ((options.explain || !c.agrees) && c.explanation) {
    lines.push('    explanation:', ...formatExplanation(c.explanation, { cwd: options.cwd }).map((l) => `      ${l}`));
  }
  return lines;
}

function lintLines(f: LintFinding, cwd: string | undefined): string[] {
  const file = f.file ? (cwd ? relative(cwd, f.file) : f.file) : undefined;
  const lines = [`  ${f.severity.toUpperCase().padEnd(7)} ${f.rule}  ${f.policy}${file ? ` [${file}]` : ''}`];
  if (f.where) lines.push(`      at:  ${f.where}`);
  lines.push(`      ${f.message}`);
  if (f.why) lines.push(`      why: ${f.why}`);
  return lines;
}

/**
 * The report as console text: each call (AGREES or DISAGREES, expected, predicted, explanation), the lint
 * findings, a summary.
 */
export function formatCheckReport(report: CheckReport, options: FormatOptions): string {
  const { summary } = report;
  const lines = [
    `check: ${summary.total} call${summary.total === 1 ? '' : 's'} ` +
      `predicted from the local world's policies (aws:SourceOrgID read as ` +
      `"${options.sourceOrgIdMode}"); nothing was sent`,
    '',
    ...report.calls.flatMap((c) => callLines(c, options)),
    '',
    `lint: ${summary.lintErrors} ` +
      `error${summary.lintErrors === 1 ? '' : 's'}, ${summary.lintWarnings} ` +
      `warning${summary.lintWarnings === 1 ? '' : 's'}`,
    ...report.lint.flatMap((f) => lintLines(f, options.cwd)),
    '',
    `${summary.agree} agree, ${summary.disagree} disagree; ` +
      `${summary.lintErrors} lint ` +
      `error${summary.lintErrors === 1 ? '' : 's'}, ${summary.lintWarnings} ` +
      `warning${summary.lintWarnings === 1 ? '' : 's'}`,
  ];
  return `${lines.join('\n')}\n`;
}

export const CHECK_SCHEMA_VERSION = 1;

/** The report as one JSON document (`schemaVersion` 1); file names relative to `cwd` when given. */
export function toCheckJson(report: CheckReport, options: Omit<FormatOptions, 'explain'>) {
  const file = (f: string) => (options.cwd ? relative(options.cwd, f) : f);
  return {
    schemaVersion: CHECK_SCHEMA_VERSION,
    environment: 'local',
    sourceOrgIdMode: options.sourceOrgIdMode,
    summary: report.summary,
    results: report.calls.map((c) => ({
      scenario: c.call.scenario,
      name: c.call.name,
      caller: c.call.caller.name,
      service: c.call.service.name,
      request: { method: c.call.request.method, path: c.call.request.path },
      expected: c.call.expect,
      predicted: c.prediction ?? null,
      agrees: c.agrees,
      reason: c.reason,
      notCompared: c.notCompared,
      error: c.error,
      explanation: c.explanation && {
        ...c.explanation,
        credentials: c.explanation.credentials && {
          ...c.explanation.credentials,
          files: c.explanation.credentials.files.map(file),
        },
        layers: c.explanation.layers.map((l) => ({ ...l, files: l.files.map(file) })),
        ...(c.explanation.guardrails && {
          guardrails: c.explanation.guardrails.map((g) => ({ ...g, files: g.files.map(file) })),
        }),
      },
    })),
    lint: report.lint.map((f) => ({ ...f, ...(f.file !== undefined && { file: file(f.file) }) })),
  };
}
