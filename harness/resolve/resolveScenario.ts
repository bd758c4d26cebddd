import type { Layer } from '../config/types';
import { Fields } from '../../world/Fields';
import { resolveRequest } from './resolveRequest';
import type { Expectation, PlannedCall, ResolvedEnvironment, ResolvedService } from './types';

const LAYERS: readonly Layer[] = ['network', 'service', 'identity', 'organization', 'boundary', 'session'];

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
  f.known(allow, `${field}.allow`, ['status', 'body', 'bodyIncludes']);
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
  f.known(raw, '', ['description', 'world', 'service', 'listener', 'customDomain', 'request', 'calls']);
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
    f.known(call, field, ['caller', 'name', 'listener', 'customDomain', 'request', 'expect']);
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
    return {
      id: `${name} › ${label}`,
      scenario: name,
      name: label,
      caller,
      service: url.href === service.url.href ? service : { ...service, url },
      request: resolveRequest(call.request, `${field}.request`, f, request),
      expect: resolveExpectation(call.expect, `${field}.expect`, f),
    };
  });
}
