import { buildGlobalContext } from '../buildGlobalContext';
import type { GlobalKeyFacts } from '../globalConditionKeys';
import type { RequestContext } from '../types';
import type { InvokeAuthInput } from './types';

const LATTICE = 'vpc-lattice-svcs';
/** arn:<partition>:vpc-lattice:<region>:<account>:service/<id> */
const SERVICE_ARN = /^arn:[^:]*:vpc-lattice:([^:]*):([^:]*):/;

/**
 * The request context Lattice gives its auth policies: its own keys (port, method, path, headers,
 * query string, service, network, source VPC) and the global keys of an Invoke, set or left absent
 * as the IAM User Guide says (`buildGlobalContext`, table in docs/request-context.md).
 */
export function buildInvokeContext(input: InvokeAuthInput): RequestContext {
  const { request, service, network, sourceVpc } = input;
  const context: RequestContext = {
    [`${LATTICE}:Port`]: String(request.port),
    [`${LATTICE}:RequestMethod`]: request.method,
    [`${LATTICE}:RequestPath`]: request.path,
    [`${LATTICE}:ServiceArn`]: service.arn,
    [`${LATTICE}:ServiceNetworkArn`]: network.arn,
    [`${LATTICE}:SourceVpc`]: sourceVpc.id,
    [`${LATTICE}:SourceVpcOwnerAccount`]: sourceVpc.ownerAccount,
  };
  // Condition key names compare case-insensitively: names that differ only in case are one key,
  // their values merged (never one overwriting the other, which would hide a value from a Deny).
  const headers = mergeByLowerCase(request.headers);
  for (const [name, values] of headers) context[`${LATTICE}:RequestHeader/${name}`] = values.join(', ');
  // A query key keeps every value it was given: one value is a single-valued key, several a
  // multivalued one (IAM User Guide, "Single-valued vs. multivalued context keys").
  for (const [key, values] of mergeByLowerCase(request.query))
    context[`${LATTICE}:RequestQueryString/${key}`] = [...values];
  // Global keys last, set into the same object: they win over the keys above.
  return buildGlobalContext('invoke', invokeFacts(input, headers), context);
}

/** What the global keys of an Invoke are made of. */
function invokeFacts(input: InvokeAuthInput, headers: Map<string, readonly string[]>): GlobalKeyFacts {
  const { caller, request, service } = input;
  const [, region = '', account = ''] = SERVICE_ARN.exec(service.arn) ?? [];
  return {
    caller,
    request: {
      time: request.time,
      sourceIp: request.sourceIp,
      secureTransport: request.secureTransport,
      region: request.region ?? region,
      userAgent: headers.get('user-agent')?.join(', ') ?? '',
      ...(headers.has('referer') && { referer: headers.get('referer')!.join(', ') }),
    },
    resource: { account, orgId: service.ownerOrgId, orgPaths: service.ownerOrgPaths, tags: service.tags },
    sourceOrgId: resolveSourceOrgId(input),
  };
}

/** `aws:SourceOrgID` is undocumented for Lattice; which organization it names is a setting. */
function resolveSourceOrgId(input: InvokeAuthInput): string | undefined {
  switch (input.sourceOrgIdMode) {
    case 'principal':
      return input.caller.kind === 'iam' ? input.caller.orgId : undefined;
    case 'source-vpc-owner':
      return input.sourceVpc.ownerOrgId;
    case 'absent':
      return undefined;
  }
}

/**
 * Entries keyed by lower-cased name, the values of names that differ only in case merged in order.
 * A name met once keeps its own array (read, never changed): only a merge makes a new one.
 */
function mergeByLowerCase(map: Record<string, string[]>): Map<string, readonly string[]> {
  const merged = new Map<string, readonly string[]>();
  for (const name of Object.keys(map)) {
    const key = name.toLowerCase();
    const before = merged.get(key);
    merged.set(key, before === undefined ? map[name]! : [...before, ...map[name]!]);
  }
  return merged;
}
