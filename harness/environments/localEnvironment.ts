import { listenersOf, type WorldSpec } from '../../world';
import { serviceArn, serviceDomain } from '../../world/arns';
import type { ResolvedCaller, ResolvedEnvironment, StaticKeys } from '../resolve/types';
import type { LocalWorldHandle } from './LocalWorldHandle';

/** Where a running local world answers; absent for an offline environment (nothing is sent). */
export interface LocalEndpoints {
  stsEndpoint: string;
  /** The Lambda endpoint the world's relays are invoked at. */
  lambdaEndpoint?: string;
  /** Each listener of the world by `<PROTOCOL>:<port>`. */
  listeners: Record<string, { address: string; port: number }>;
  caCertPem: string;
  runnerKeys: StaticKeys;
  /** Each user's own keys, by user ARN. */
  userKeys: Record<string, StaticKeys>;
}

/**
 * The environment of a local world: its callers and services by the names the world gives them,
 * connected to `endpoints` when the world runs. A service's URL is its first listener's
 * (HTTPS on 443 unless the world says otherwise); a call may pick another listener.
 */
export function localEnvironmentFromSpec(spec: WorldSpec, endpoints?: LocalEndpoints): ResolvedEnvironment {
  const callers: Record<string, ResolvedCaller> = {};
  const relayArns = new Map((spec.relays ?? []).map((r) => [r.name, r.arn]));
  for (const c of spec.callers) {
    const localAddress = spec.vpcs.find((v) => v.id === c.vpc)!.address;
    // Through a relay, the relay's function sends (from its VPC); the caller names the function.
    const relay = c.relay === undefined ? {} : { relay: relayArns.get(c.relay)! };
    switch (c.kind) {
      case 'role':
        callers[c.name] = {
          kind: 'role',
          name: c.name,
          roleArn: c.roleArn,
          ...(c.externalId !== undefined && { externalId: c.externalId }),
          sessionName: c.sessionName,
          durationSeconds: c.durationSeconds,
          sessionTags: c.sessionTags,
          ...(c.sessionPolicy !== undefined && { sessionPolicy: JSON.stringify(c.sessionPolicy) }),
          ...(c.sessionPolicyArns !== undefined && { sessionPolicyArns: [...c.sessionPolicyArns] }),
          localAddress,
          signing: 'sigv4',
          ...relay,
        };
        break;
      case 'user':
        callers[c.name] = {
          kind: 'user',
          name: c.name,
          userArn: c.userArn,
          ...(endpoints?.userKeys[c.userArn] && { keys: endpoints.userKeys[c.userArn] }),
          localAddress,
          signing: 'sigv4',
          ...relay,
        };
        break;
      case 'anonymous':
        callers[c.name] = { kind: 'anonymous', name: c.name, localAddress, ...relay };
        break;
    }
  }
  const services: ResolvedEnvironment['services'] = {};
  const resolve: ResolvedEnvironment['resolve'] = {};
  for (const service of spec.services) {
    const domain = serviceDomain(spec.region, service.name, service.id);
    const listeners = listenersOf(service);
    const first = listeners[0]!;
    const scheme = first.protocol === 'HTTPS' ? 'https' : 'http';
    const defaultPort = first.protocol === 'HTTPS' ? 443 : 80;
    const port = first.port === defaultPort ? '' : `:${first.port}`;
    services[service.name] = {
      name: service.name,
      url: new URL(`${scheme}://${domain}${port}/`),
      arn: serviceArn(spec.region, service.account, service.id),
      ...(service.customDomainName && { customDomainName: service.customDomainName }),
    };
    if (!endpoints) continue;
    // Each name the service answers on, on each of its listeners: where the local world serves that listener.
    for (const host of [domain, ...(service.customDomainName ? [service.customDomainName] : [])]) {
      for (const l of listeners) {
        const at = endpoints.listeners[`${l.protocol}:${l.port}`];
        if (at) resolve[`${host}:${l.port}`] = { ...at };
      }
    }
  }
  return {
    name: 'local',
    world: spec,
    region: spec.region,
    organizationId: spec.organization.id,
    callers,
    services,
    credentials: endpoints ? { kind: 'static', keys: endpoints.runnerKeys } : { kind: 'chain' },
    stsEndpoint: endpoints?.stsEndpoint,
    ...(endpoints?.lambdaEndpoint && { lambdaEndpoint: endpoints.lambdaEndpoint }),
    resolve,
    timeoutMs: 5_000,
    ca: endpoints?.caCertPem,
  };
}

/** The environment of a running local world: needs no configuration. */
export function localEnvironment(local: LocalWorldHandle): ResolvedEnvironment {
  const { accessKeyId, secretAccessKey } = local.world.runnerKey;
  const userKeys: Record<string, StaticKeys> = {};
  for (const [arn, key] of local.world.userKeys)
    userKeys[arn] = { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
  return localEnvironmentFromSpec(local.world.spec, {
    stsEndpoint: local.stsEndpoint,
    ...(local.lambdaEndpoint && { lambdaEndpoint: local.lambdaEndpoint }),
    listeners: local.listeners,
    caCertPem: local.caCertPem,
    runnerKeys: { accessKeyId, secretAccessKey },
    userKeys,
  });
}
