import type { EvalRequest, Evaluation, StatementMismatch, StatementTrace } from '../../policy';
import type { StatementReport } from './types';

export interface ReportOptions {
  /** The statements as written, by trace index (numbered across the policies of an identity layer). */
  statements: unknown[];
  /** Where a condition key's request value came from, when that needs saying. */
  noteFor?: (key: string) => string | undefined;
}

/** The Statement element of a policy document as a list. */
export function statementSources(source: unknown): unknown[] {
  const statement = (source as { Statement?: unknown } | null)?.Statement;
  return Array.isArray(statement) ? statement : statement === undefined ? [] : [statement];
}

/**
 * The statements that decided an evaluation, from the engine's trace: for an Allow the Allow
 * statements that applied, for an explicit deny the Deny statements that applied, and when
 * nothing allowed, every Allow statement with the first element that did not match.
 */
export function reportStatements(
  evaluation: Evaluation,
  request: EvalRequest,
  options: ReportOptions,
): StatementReport[] {
  const deciding = (s: StatementTrace) => {
    switch (evaluation.decision) {
      case 'Allow':
        return s.applies && s.effect === 'Allow';
      case 'ExplicitDeny':
        return s.applies && s.effect === 'Deny';
      case 'ImplicitDeny':
        return s.effect === 'Allow';
    }
  };
  return evaluation.statements.filter(deciding).map((s) => reportStatement(s, request, options));
}

function reportStatement(trace: StatementTrace, request: EvalRequest, options: ReportOptions): StatementReport {
  const report: StatementReport = {
    index: trace.index,
    ...(trace.sid !== undefined && { sid: trace.sid }),
    effect: trace.effect,
    applies: trace.applies,
    conditions: trace.conditions.map((c) => {
      const note = options.noteFor?.(c.key);
      return {
        operator: c.operator,
        key: c.key,
        requestValue: c.requestValue ?? null,
        policyValues: c.policyValues,
        matched: c.matched,
        ...(note !== undefined && { note }),
      };
    }),
  };
  if (trace.reason !== undefined) {
    report.mismatch = trace.reason;
    const detail = describeMismatch(trace.reason, options.statements[trace.index], request);
    if (detail) report.detail = detail;
  }
  return report;
}

const show = (value: unknown) => JSON.stringify(value);

/** The element that did not match, as written, against the request's value. */
function describeMismatch(reason: StatementMismatch, statement: unknown, request: EvalRequest): string | undefined {
  const s = (statement ?? {}) as Record<string, unknown>;
  const element = (name: string) =>
    s[name] !== undefined ? name : s[`Not${name}`] !== undefined ? `Not${name}` : undefined;
  switch (reason) {
    case 'principal': {
      const name = element('Principal');
      const who =
        request.principal?.kind === 'aws'
          ? request.principal.arn
          : request.principal?.kind === 'service'
            ? request.principal.name
            : 'anonymous';
      return name && `${name} ${show(s[name])} ${name === 'Principal' ? 'does not name' : 'excludes'} ${who}`;
    }
    case 'action': {
      const name = element('Action');
      return name && `${name} ${show(s[name])} ${name === 'Action' ? 'does not match' : 'excludes'} ${request.action}`;
    }
    case 'resource': {
      const name = element('Resource');
      return (
        name &&
        `${name} ${show(s[name])} ` +
          `${name === 'Resource' ? 'does not match' : 'excludes'} ` +
          `${request.resource ?? '(no resource)'}`
      );
    }
    case 'condition':
      return undefined;
  }
}
