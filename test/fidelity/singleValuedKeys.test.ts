import { describe, expect, it } from 'vitest';
import { authorizeInvoke, evaluatePolicy, parsePolicy, type RequestContext } from '../../policy';
import { denyWhen, INVOKE, invokeInput } from './invokeFixture';

/**
 * IAM User Guide, "Single-valued vs. multivalued context keys": "The difference between
 * single-valued and multivalued context keys lies in the number of values in the request context,
 * not the number of values in the policy condition."
 */
const decide = (condition: Record<string, unknown>, context: RequestContext) =>
  evaluatePolicy(
    parsePolicy(
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'ec2:DeleteTags', Resource: '*', Condition: condition }],
      },
      { kind: 'identity' },
    ),
    { principal: null, action: 'ec2:DeleteTags', resource: 'arn:aws:ec2:us-east-1:111122223333:instance/i-1', context },
  ).decision === 'Allow';

describe("the guide's aws:TagKeys tables", () => {
  const tagKeys = (...keys: string[]) => ({ 'aws:TagKeys': keys });

  it('ForAllValues:StringEquals with Null false', () => {
    const condition = {
      'ForAllValues:StringEquals': { 'aws:TagKeys': ['environment', 'cost-center'] },
      Null: { 'aws:TagKeys': 'false' },
    };
    expect(decide(condition, tagKeys('environment'))).toBe(true);
    expect(decide(condition, tagKeys('cost-center'))).toBe(true);
    expect(decide(condition, tagKeys('environment', 'cost-center'))).toBe(true);
    expect(decide(condition, tagKeys('environment', 'dept'))).toBe(false);
    expect(decide(condition, {})).toBe(false);
  });

  it('ForAnyValue:StringEquals', () => {
    const condition = { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['environment', 'cost-center'] } };
    expect(decide(condition, tagKeys('environment'))).toBe(true);
    expect(decide(condition, tagKeys('cost-center'))).toBe(true);
    expect(decide(condition, tagKeys('environment', 'cost-center'))).toBe(true);
    expect(decide(condition, tagKeys('environment', 'dept'))).toBe(true);
    expect(decide(condition, tagKeys('dept'))).toBe(false);
    expect(decide(condition, {})).toBe(false);
  });
});

describe('vpc-lattice-svcs:RequestQueryString/<key>: single-valued with one value', () => {
  const QUUX = 'vpc-lattice-svcs:RequestQueryString/quux';
  const query = (values: string[]) => ({ request: { query: { quux: values } } });
  const allowWhen = (condition: Record<string, unknown>) =>
    parsePolicy(
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: '*', Action: INVOKE, Resource: '*', Condition: condition }],
      },
      { kind: 'resource' },
    );
  const allowed = (condition: Record<string, unknown>, values: string[]) => {
    const input = invokeInput(query(values));
    return authorizeInvoke({ ...input, network: { ...input.network, policy: allowWhen(condition) } }).allowed;
  };

  it('a key given once matches a plain StringEquals, as a single-valued key', () => {
    expect(allowed({ StringEquals: { [QUUX]: 'corge' } }, ['corge'])).toBe(true);
    expect(allowed({ StringEquals: { [QUUX]: 'corge' } }, ['grault'])).toBe(false);
    expect(allowed({ StringNotEquals: { [QUUX]: 'corge' } }, ['grault'])).toBe(true);
  });

  it("the Lattice guide's multivalued example (quux: [corge, grault]) needs a set operator", () => {
    const both = ['corge', 'grault'];
    // "Multivalued context keys require a condition set operator."
    expect(allowed({ StringEquals: { [QUUX]: 'corge' } }, both)).toBe(false);
    expect(allowed({ 'ForAnyValue:StringEquals': { [QUUX]: 'corge' } }, both)).toBe(true);
    expect(allowed({ 'ForAllValues:StringEquals': { [QUUX]: 'corge' } }, both)).toBe(false);
  });

  it('a Deny with a plain operator is walked past by repeating the key; ForAnyValue holds (the lint says so)', () => {
    const plain = denyWhen({ StringEquals: { 'vpc-lattice-svcs:RequestQueryString/mode': 'admin' } });
    const anyValue = denyWhen({ 'ForAnyValue:StringEquals': { 'vpc-lattice-svcs:RequestQueryString/mode': 'admin' } });
    const once = { networkPolicy: plain, request: { query: { mode: ['admin'] } } };
    expect(authorizeInvoke(invokeInput(once)).allowed).toBe(false);
    const twice = { request: { query: { mode: ['admin', 'admin'] } } };
    expect(authorizeInvoke(invokeInput({ ...once, ...twice })).allowed).toBe(true);
    expect(authorizeInvoke(invokeInput({ networkPolicy: anyValue, ...twice })).allowed).toBe(false);
  });
});
