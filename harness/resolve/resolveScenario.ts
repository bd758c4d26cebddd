import type { HttpVersion, Layer } from '../config/types';
import { Fields } from '../../world/Fields';
import { resolveRequest } from './resolveRequest';
import type { Expectation, PlannedCall, ResolvedEnvironment, ResolvedRequest, ResolvedService } from './types';

const LAYERS: readonly Layer[] = ['network', 'service', 'identity', 'organization', 'boundary', 'session'];
const HTTP_VERSIONS: readonly HttpVersion[] = ['1.1', '2'];

/**
 * The HTTP version of a call: its own `http`, else the scenario's, else `2` for a gRPC request and
 * `1.1` otherwise. HTTP/2 goes over TLS only: Lattice picks it by ALPN on an HTTPS listener and
 * documents no cleartext HTTP/2 (h2c) for clients.
 */
function resolveHttp(
  call: Record<string, unknown>,
  scenario: Record<string, unknown>,
  at: { field: string; url: URL; request: ResolvedRequest },
  f: Fields,
): HttpVersion {
  const own = call.http !== undefined;
  const grpcField =
    (call.request as { grpc?: unknown } | undefined)?.grpc !== undefined ? `${at.field}.request.grpc` : 'request.grpc';
  const field = own ? `${at.field}.http` : scenario.http !== undefined ? 'http' : grpcField;
  const given = own ? call.http : scenario.http;
  const http = given === undefined ? (at.request.grpc ? '2' : '1.1') : f.oneOf(given, field, HTTP_VERSIONS);
  if (at.request.grpc && http !== '2')
    f.fail(field, `a gRPC request (grpc: "${at.request.grpc}") goes over HTTP/2: remove http or set it to "2"`);
  if (http === '2' && at.url.protocol !== 'https:')
    f.fail(
      field,
      `HTTP/2 needs an HTTPS listener (${at.url.origin} is plain HTTP): Lattice negotiates HTTP/2 by TLS ALPN ` +
        'and documents no cleartext HTTP/2 (h2c)',
    );
  const te = at.request.headers.te;
  if (http === '2' && te !== undefined && te.toLowerCase() !== 'trailers')
    f.fail(`${at.field}.request.headers.te`, 'HTTP/2 allows only "te: trailers"');
  return http;
}

function resolveExpectation(value: unknown, field: string, f: Fields): Expectation {
  const raw = f.object(value, field);
  if ('allow' in raw === 'deny' in raw) f.fail(field, 'must have exactly one of "allow" or "deny"');
  if ('deny' in raw) {
    f.known(raw, field, ['deny', 'explicit']);
    const layer = f.oneOf(raw.deny, `${field}.deny`, LAYERS);
    if (raw.explicit !== undefined && typeof raw.explicit !== 'boolean')
      f.fail(`${field}.explicit`, 'must be true or false');
    return { kind: 'deny', layer, explicit: raw.explicit as boolean | undefined };
  }
  f.known(raw, field, ['allow']);
  if (raw.allow === true) return { kind: 'allow' };
  const allow = f.object(raw.allow, `${field}.allow`);
  f.known(allow, `${field}.allow`, ['status', 'body', 'bodyIncludes', 'grpcStatus']);
  return {
    kind: 'allow',
    status: allow.status === undefined ? undefined : f.integer(allow.status, `${field}.allow.status`, 100, 599),
    body:
      allow.body === undefined
        ? undefined
        : typeof allow.body === 'string'
          ? allow.body
          : f.fail(`${field}.allow.body`, 'must be a string'),
    bodyIncludes: f.optionalString(allow.bodyIncludes, `${field}.allow.bodyIncludes`),
    ...(allow.grpcStatus === undefined
      ? {}
      : { grpcStatus: f.integer(allow.grpcStatus, `${field}.allow.grpcStatus`, 0, 16) }),
  };
}

/** Where a call goes: the service's URL, on another listener (protocol and port) or its custom domain when asked. */
function resolveDestination(
  raw: Record<string, unknown>,
  field: string,
  f: Fields,
  service: ResolvedService,
  base?: URL,
): URL {
  let url = new URL(base ?? service.url);
  if (raw.customDomain !== undefined) {
    if (typeof raw.customDomain !== 'boolean') f.fail(`${field}customDomain`, 'must be true or false');
    if (raw.customDomain) {
      if (!service.customDomainName)
        f.fail(`${field}customDomain`, `service "${service.name}" has no custom domain name`);
      url.hostname = service.customDomainName;
    } else {
      url.hostname = service.url.hostname;
    }
  }
  if (raw.listener !== undefined) {
    const l =
      typeof raw.listener === 'string' ? { protocol: raw.listener } : f.object(raw.listener, `${field}listener`);
    f.known(l, `${field}listener`, ['protocol', 'port']);
    const protocol = f.oneOf(l.protocol, `${field}listener.protocol`, ['HTTP', 'HTTPS'] as const);
    const port =
      l.port === undefined ? (protocol === 'HTTPS' ? 443 : 80) : f.integer(l.port, `${field}listener.port`, 1, 65535);
    const next = new URL(url.href);
    next.protocol = protocol === 'HTTPS' ? 'https:' : 'http:';
    next.port = String(port);
    url = next;
  }
  return url;
}

/** Validates a scenario file's export against the environment and turns it into planned calls. */
export function resolveScenario(name: string, file: string, value: unknown, env: ResolvedEnvironment): PlannedCall[] {
  const f = new Fields(file);
  const raw = f.object(value, 'default export');
  f.known(raw, '', ['description', 'world', 'service', 'listener', 'customDomain', 'request', 'http', 'calls']);
  if (raw.world !== undefined) f.string(raw.world, 'world');
  const serviceName = f.string(raw.service, 'service');
  const service = env.services[serviceName];
  if (!service)
    f.fail(
      'service',
      `environment "${env.name}" has no service "${serviceName}" (it has: ${Object.keys(env.services).join(', ')})`,
    );
  const request = resolveRequest(raw.request, 'request', f);
  const scenarioUrl = resolveDestination(raw, '', f, service);
  const calls =
    Array.isArray(raw.calls) && raw.calls.length > 0
      ? (raw.calls as unknown[])
      : f.fail('calls', 'must be a non-empty array');
  const seen = new Set<string>();
  return calls.map((item: unknown, i: number): PlannedCall => {
    const field = `calls[${i}]`;
    const call = f.object(item, field);
    f.known(call, field, ['caller', 'name', 'listener', 'customDomain', 'request', 'http', 'expect']);
    const url = resolveDestination(call, `${field}.`, f, service, scenarioUrl);
    const callerName = f.string(call.caller, `${field}.caller`);
    const caller = env.callers[callerName];
    if (!caller)
      f.fail(
        `${field}.caller`,
        `environment "${env.name}" has no caller "${callerName}" (it has: ${Object.keys(env.callers).join(', ')})`,
      );
    const label = f.optionalString(call.name, `${field}.name`) ?? callerName;
    if (seen.has(label))
      f.fail(`${field}.name`, `"${label}" is used by an earlier call; give each call a distinct name`);
    seen.add(label);
    const callRequest = resolveRequest(call.request, `${field}.request`, f, request);
    return {
      id: `${name} › ${label}`,
      scenario: name,
      name: label,
      caller,
      service: url.href === service.url.href ? service : { ...service, url },
      request: callRequest,
      http: resolveHttp(call, raw, { field, url, request: callRequest }, f),
      expect: resolveExpectation(call.expect, `${field}.expect`, f),
    };
  });
}
