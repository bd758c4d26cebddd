import type { RequestContext } from '../types';
import type { InvokeAuthInput } from './types';

const LATTICE = 'vpc-lattice-svcs';

/**
 * The request context Lattice gives its auth policies: its own keys (port, method, path,
 * headers, query string, service, network, source VPC), the principal's global keys (none but
 * `aws:PrincipalType = Anonymous` for unsigned callers), the network's and the clock's.
 */
export function buildInvokeContext(input: InvokeAuthInput): RequestContext {
  const { caller, request, service, network, sourceVpc } = input;
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
  for (const [name, values] of mergeByLowerCase(request.headers)) {
    context[`${LATTICE}:RequestHeader/${name}`] = values.join(', ');
  }
  for (const [key, values] of mergeByLowerCase(request.query)) {
    context[`${LATTICE}:RequestQueryString/${key}`] = values;
  }
  if (caller.kind === 'anonymous') {
    context['aws:PrincipalType'] = 'Anonymous';
  } else {
    context['aws:PrincipalArn'] = caller.roleArn;
    context['aws:PrincipalAccount'] = caller.account;
    context['aws:PrincipalType'] = caller.principalType ?? 'AssumedRole';
    if (caller.principalType === 'User') context['aws:username'] = caller.arn.slice(caller.arn.lastIndexOf('/') + 1);
    context['aws:userid'] = caller.userId;
    if (caller.orgId !== undefined) context['aws:PrincipalOrgID'] = caller.orgId;
    if (caller.orgPaths !== undefined) context['aws:PrincipalOrgPaths'] = [...caller.orgPaths];
    for (const [key, value] of Object.entries(caller.principalTags)) context[`aws:PrincipalTag/${key}`] = value;
  }
  const sourceOrgId = resolveSourceOrgId(input);
  if (sourceOrgId !== undefined) context['aws:SourceOrgID'] = sourceOrgId;
  context['aws:SourceIp'] = request.sourceIp;
  context['aws:SecureTransport'] = String(request.secureTransport);
  context['aws:CurrentTime'] = request.time.toISOString().replace(/\.\d{3}Z$/, 'Z');
  context['aws:EpochTime'] = String(Math.floor(request.time.getTime() / 1000));
  if (request.region !== undefined) context['aws:RequestedRegion'] = request.region;
  for (const [key, value] of Object.entries(service.tags ?? {})) context[`aws:ResourceTag/${key}`] = value;
  return context;
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

/** Entries keyed by lower-cased name, the values of names that differ only in case merged in order. */
function mergeByLowerCase(map: Record<string, string[]>): Map<string, string[]> {
  const merged = new Map<string, string[]>();
  for (const [name, values] of Object.entries(map)) {
    const key = name.toLowerCase();
    merged.set(key, [...(merged.get(key) ?? []), ...values]);
  }
  return merged;
}
