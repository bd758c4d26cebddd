import { describe, expect, it } from 'vitest';
import { authorizeInvoke, parsePolicy } from '../../policy';
import { INVOKE, invokeInput } from './invokeFixture';

/**
 * VPC Lattice User Guide, "Resource format for auth policies": "a matching schema with a
 * <serviceARN>/<path> pattern", and its examples, each against the engine (an Invoke's resource
 * is the service ARN followed by the request path).
 */
const SERVICE = 'arn:aws:vpc-lattice:us-west-2:1234567890:service/svc-0123456789abcdef0';
const OTHER = 'arn:aws:vpc-lattice:us-west-2:1234567890:service/svc-0fedcba9876543210';

function allows(resource: string, serviceArn: string, path: string): boolean {
  const policy = parsePolicy(
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: INVOKE, Resource: resource }] },
    { kind: 'resource' },
  );
  const input = invokeInput({ request: { path }, service: { arn: serviceArn, policy } });
  return authorizeInvoke({ ...input, network: { ...input.network, authType: 'NONE' } }).allowed;
}

describe('HTTP examples', () => {
  it(`"${SERVICE}/rates"`, () => {
    expect(allows(`${SERVICE}/rates`, SERVICE, '/rates')).toBe(true);
    expect(allows(`${SERVICE}/rates`, SERVICE, '/other')).toBe(false);
    expect(allows(`${SERVICE}/rates`, OTHER, '/rates')).toBe(false);
  });

  it('"*/rates": the path rates of any service', () => {
    expect(allows('*/rates', SERVICE, '/rates')).toBe(true);
    expect(allows('*/rates', OTHER, '/rates')).toBe(true);
    expect(allows('*/rates', SERVICE, '/other')).toBe(false);
  });

  it('"*/*": every path of every service', () => {
    expect(allows('*/*', SERVICE, '/rates')).toBe(true);
    expect(allows('*/*', OTHER, '/')).toBe(true);
    expect(allows('*/*', SERVICE, '/api.parking/GetRates')).toBe(true);
  });
});

describe('gRPC examples', () => {
  it(`"${SERVICE}/api.parking/GetRates"`, () => {
    expect(allows(`${SERVICE}/api.parking/GetRates`, SERVICE, '/api.parking/GetRates')).toBe(true);
    expect(allows(`${SERVICE}/api.parking/GetRates`, SERVICE, '/api.parking/SetRates')).toBe(false);
  });

  it(`"${SERVICE}/api.parking/*"`, () => {
    expect(allows(`${SERVICE}/api.parking/*`, SERVICE, '/api.parking/GetRates')).toBe(true);
    expect(allows(`${SERVICE}/api.parking/*`, SERVICE, '/api.billing/GetRates')).toBe(false);
  });

  it(`"${SERVICE}/*"`, () => {
    expect(allows(`${SERVICE}/*`, SERVICE, '/api.parking/GetRates')).toBe(true);
    expect(allows(`${SERVICE}/*`, OTHER, '/api.parking/GetRates')).toBe(false);
  });
});

describe('the <serviceARN> format', () => {
  const arn = 'arn:aws:vpc-lattice:us-west-2:123456789012:service/svc-0123456789abcdef0';
  it(`"${arn}" alone names no Invoke (it has no path)`, () => {
    expect(allows(arn, arn, '/')).toBe(false);
    expect(allows(`${arn}/*`, arn, '/')).toBe(true);
  });
});
