import { describe, expect, it } from 'vitest';
import { LazyEvaluation } from '../../policy/LazyEvaluation';
import { evaluatePolicy, parsePolicy } from '../../policy';
import type { StatementTrace } from '../../policy/types';

const trace: StatementTrace[] = [{ index: 0, effect: 'Allow', applies: true, conditions: [] }];

describe('LazyEvaluation: the trace of an evaluation, built on first read', () => {
  it('builds the trace only when read, and once', () => {
    let built = 0;
    const evaluation = new LazyEvaluation('Allow', () => {
      built++;
      return trace;
    });
    expect(evaluation.decision).toBe('Allow');
    expect(built).toBe(0);
    expect(evaluation.statements).toBe(trace);
    expect(evaluation.statements).toBe(trace);
    expect(built).toBe(1);
  });

  it('shows in JSON as { decision, statements }, the shape of an Evaluation', () => {
    const evaluation = new LazyEvaluation('ImplicitDeny', () => trace);
    expect(JSON.stringify(evaluation)).toBe(JSON.stringify({ decision: 'ImplicitDeny', statements: trace }));
  });

  it('is what evaluatePolicy returns: its JSON holds the decision and every statement', () => {
    const policy = parsePolicy({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
        { Effect: 'Deny', Action: 's3:PutObject', Resource: '*' },
      ],
    });
    const evaluation = evaluatePolicy(policy, {
      principal: { kind: 'anonymous' },
      action: 's3:GetObject',
      resource: 'x',
      context: {},
    });
    const shown = JSON.parse(JSON.stringify(evaluation));
    expect(Object.keys(shown)).toEqual(['decision', 'statements']);
    expect(shown.decision).toBe('Allow');
    expect(shown.statements.map((s: StatementTrace) => [s.effect, s.applies])).toEqual([
      ['Allow', true],
      ['Deny', false],
    ]);
  });
});
