import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveEnvironment } from '../../harness/resolve/resolveEnvironment';
import { resolvePlan } from '../../harness/resolve/resolvePlan';
import { resolveScenario } from '../../harness/resolve/resolveScenario';
import type { ResolvedEnvironment } from '../../harness/resolve/types';
import { errorMessageOf } from '../support/errorMessageOf';

const env = resolveEnvironment('t', 't.ts', {
  region: 'us-east-1',
  callers: { b: { roleArn: 'arn:aws:iam::222222222222:role/r' } },
  services: {
    parking: {
      url: 'https://parking.example/',
      arn: 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0',
    },
  },
});
const scenario = (request: unknown) => ({
  service: 'parking',
  request,
  calls: [{ caller: 'b', expect: { allow: true } }],
});
const fails = errorMessageOf;

describe('resolve: bad input is named, never a crash', () => {
  it('a request method that is not a string', () => {
    expect(fails(() => resolveScenario('s', 's.ts', scenario({ method: 5 }), env))).toBe(
      's.ts: request.method: must be one of "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", got 5',
    );
  });

  it('header names and values that could not be sent, and headers the harness sets itself', () => {
    expect(fails(() => resolveScenario('s', 's.ts', scenario({ headers: { 'bad header': 'x' } }), env))).toBe(
      's.ts: request.headers.bad header: is not a valid HTTP header name',
    );
    expect(fails(() => resolveScenario('s', 's.ts', scenario({ headers: { 'x-note': 'line1\nline2' } }), env))).toBe(
      's.ts: request.headers.x-note: holds a line break or another control character',
    );
    for (const name of ['Host', 'authorization', 'X-Amz-Date', 'x-amz-security-token', 'content-length']) {
      expect(fails(() => resolveScenario('s', 's.ts', scenario({ headers: { [name]: 'x' } }), env))).toMatch(
        /is set by the harness/,
      );
    }
  });

  it('an environment function that throws names the missing variables first', () => {
    const fn = (e: { required(n: string): string }) => ({
      region: e.required('REGION'),
      callers: {},
      services: { s: { url: new URL(e.required('U')).href, arn: '' } },
    });
    expect(fails(() => resolveEnvironment('x', 'x.ts', fn, {}))).toBe('x.ts: missing environment variables: REGION, U');
    const throws = () => {
      throw new Error('boom');
    };
    expect(fails(() => resolveEnvironment('x', 'x.ts', throws, {}))).toBe('x.ts: the environment function threw: boom');
  });

  it('an STS endpoint that is not a URL, and session names STS would refuse', () => {
    const base = { region: 'us-east-1', services: {} };
    expect(fails(() => resolveEnvironment('x', 'x.ts', { ...base, callers: {}, stsEndpoint: 'not a url' }))).toBe(
      'x.ts: stsEndpoint: is not a URL: "not a url"',
    );
    expect(
      fails(() =>
        resolveEnvironment('x', 'x.ts', {
          ...base,
          callers: { b: { roleArn: 'arn:aws:iam::222222222222:role/r', sessionName: 'has space' } },
        }),
      ),
    ).toMatch(/x\.ts: callers\.b\.sessionName: "has space" is not a valid STS session name/);
    expect(
      fails(() =>
        resolveEnvironment('x', 'x.ts', {
          ...base,
          callers: { 'b c': { roleArn: 'arn:aws:iam::222222222222:role/r' } },
        }),
      ),
    ).toMatch(/set sessionName/);
  });

  it('a selection that plans no call is an error, not an empty green run', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'lattice-e2e-empty-'));
    await expect(resolvePlan({ dir: empty, all: true, names: [] }, env as ResolvedEnvironment)).rejects.toThrow(
      /no scenario for world "demo" to run in .*: a run that calls nothing proves nothing/,
    );
    await expect(resolvePlan({ dir: empty, all: true, names: ['x'] }, env)).rejects.toThrow(
      'give scenario names or --all, not both',
    );
  });
});
