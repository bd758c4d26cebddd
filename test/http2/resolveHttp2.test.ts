import { describe, expect, it } from 'vitest';
import { resolveEnvironment } from '../../harness/resolve/resolveEnvironment';
import { resolveScenario } from '../../harness/resolve/resolveScenario';
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
const resolve = (scenario: Record<string, unknown>, call: Record<string, unknown> = {}) =>
  resolveScenario(
    's',
    's.ts',
    { service: 'parking', ...scenario, calls: [{ caller: 'b', expect: { allow: true }, ...call }] },
    env,
  );
const fails = errorMessageOf;

describe('resolve: http and grpc', () => {
  it('defaults to HTTP/1.1; http on the scenario or the call; gRPC implies HTTP/2', () => {
    expect(resolve({})[0].http).toBe('1.1');
    expect(resolve({ http: '2' })[0].http).toBe('2');
    expect(resolve({ http: '2' }, { http: '1.1' })[0].http).toBe('1.1');
    const [grpc] = resolve({ request: { grpc: 'parking.v1.Spaces/Reserve', body: 'm' } });
    expect(grpc.http).toBe('2');
    expect(grpc.request).toEqual({
      method: 'POST',
      path: '/parking.v1.Spaces/Reserve',
      headers: { 'content-type': 'application/grpc', te: 'trailers' },
      query: {},
      body: 'm',
      grpc: 'parking.v1.Spaces/Reserve',
    });
  });

  it('names the file and field of each mistake', () => {
    expect(fails(() => resolve({ http: '3' }))).toBe('s.ts: http: must be one of "1.1", "2", got "3"');
    expect(fails(() => resolve({}, { http: 2 }))).toBe('s.ts: calls[0].http: must be one of "1.1", "2", got 2');
    expect(fails(() => resolve({ http: '2', listener: 'HTTP' }))).toBe(
      's.ts: http: HTTP/2 needs an HTTPS listener (http://parking.example is plain HTTP): Lattice negotiates ' +
        'HTTP/2 by TLS ALPN and documents no cleartext HTTP/2 (h2c)',
    );
    expect(fails(() => resolve({ request: { grpc: 'a.B/C' } }, { listener: 'HTTP' }))).toMatch(
      /^s\.ts: request\.grpc: HTTP\/2 needs an HTTPS listener/,
    );
    expect(fails(() => resolve({ request: { grpc: 'a.B/C' } }, { http: '1.1' }))).toBe(
      's.ts: calls[0].http: a gRPC request (grpc: "a.B/C") goes over HTTP/2: remove http or set it to "2"',
    );
    expect(fails(() => resolve({ request: { grpc: '/a.B/C' } }))).toBe(
      's.ts: request.grpc: must be "package.Service/Method", got "/a.B/C"',
    );
    expect(fails(() => resolve({ request: { grpc: 'a.B/C', path: '/x' } }))).toBe(
      's.ts: request.path: a gRPC request\'s path is its method ("/a.B/C"): give grpc or path, not both',
    );
    expect(fails(() => resolve({ request: { grpc: 'a.B/C', method: 'GET' } }))).toBe(
      's.ts: request.method: a gRPC request (grpc: "a.B/C") is a POST',
    );
    expect(fails(() => resolve({ request: { grpc: 'a.B/C' } }, { request: { headers: { te: 'x' } } }))).toBe(
      's.ts: calls[0].request.headers.te: is set by grpc (a gRPC request sends te: trailers)',
    );
    expect(fails(() => resolve({ http: '2', request: { headers: { te: 'gzip' } } }))).toBe(
      's.ts: calls[0].request.headers.te: HTTP/2 allows only "te: trailers"',
    );
    expect(fails(() => resolve({}, { expect: { allow: { grpcStatus: 17 } } }))).toBe(
      's.ts: calls[0].expect.allow.grpcStatus: must be an integer from 0 to 16, got 17',
    );
  });
});
