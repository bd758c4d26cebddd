import type { IncomingCall, Reply } from '../http/types';
import type { ResolvedNetwork, ResolvedService } from '../world/World';

/** Headers Lattice sets for the target; copies sent by the caller are removed so they cannot be spoofed. */
const LATTICE_HEADERS = ['x-amzn-lattice-identity', 'x-amzn-lattice-network', 'x-amzn-lattice-target', 'x-forwarded-for', 'x-forwarded-port', 'x-forwarded-proto'];
/** Hop-by-hop and signing headers that are not passed on. */
const NOT_FORWARDED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'content-length', ...LATTICE_HEADERS]);

export interface ForwardContext {
  service: ResolvedService;
  network: ResolvedNetwork;
  sourceVpcArn: string;
  identity: { principal?: string; orgId?: string; sessionName?: string; type: 'AWS_IAM' | 'Anonymous' };
}

/** The header list the target receives: the caller's own (minus Lattice's names) plus Lattice's. */
export function targetHeaders(call: IncomingCall, ctx: ForwardContext): [string, string][] {
  const headers: [string, string][] = [];
  for (let i = 0; i < call.rawHeaders.length; i += 2) {
    if (!NOT_FORWARDED.has(call.rawHeaders[i].toLowerCase())) headers.push([call.rawHeaders[i], call.rawHeaders[i + 1]]);
  }
  const { identity } = ctx;
  const identityValue = identity.type === 'Anonymous'
    ? 'Type=Anonymous'
    : [`Principal=${identity.principal}`, identity.orgId && `PrincipalOrgID=${identity.orgId}`, identity.sessionName && `SessionName=${identity.sessionName}`, 'Type=AWS_IAM']
        .filter(Boolean)
        .join('; ');
  headers.push(
    ['x-amzn-lattice-identity', identityValue],
    ['x-amzn-lattice-network', `SourceVpcArn=${ctx.sourceVpcArn}`],
    ['x-amzn-lattice-target', `ServiceArn=${ctx.service.arn}; ServiceNetworkArn=${ctx.network.arn}; TargetGroupArn=${ctx.service.targetGroupArn}`],
    ['x-forwarded-for', call.remoteAddress.replace(/^::ffff:/, '')],
    ['x-forwarded-port', String(call.localPort)],
    ['x-forwarded-proto', call.secure ? 'https' : 'http'],
  );
  return headers;
}

/** Sends an allowed request on to the service's target and returns the target's answer. */
export async function forwardToTarget(call: IncomingCall, ctx: ForwardContext, signal?: AbortSignal): Promise<Reply> {
  const target = ctx.service.spec.target;
  const headers = targetHeaders(call, ctx);
  switch (target.kind) {
    case 'fixed':
      return { status: target.status, headers: { 'content-type': 'text/plain' }, body: target.body };
    case 'echo': {
      const echoed = { method: call.method, target: call.target, headers: Object.fromEntries(headers.map(([k, v]) => [k.toLowerCase(), v])), body: call.body.toString('utf8') };
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(echoed) };
    }
    case 'upstream': {
      const url = new URL(call.target, target.url);
      const response = await fetch(url, {
        method: call.method,
        headers: headers.filter(([k]) => k.toLowerCase() !== 'host'),
        body: call.method === 'GET' || call.method === 'HEAD' ? undefined : call.body,
        signal,
      });
      const body = Buffer.from(await response.arrayBuffer());
      return { status: response.status, headers: { 'content-type': response.headers.get('content-type') ?? 'application/octet-stream' }, body };
    }
  }
}
