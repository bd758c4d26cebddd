import { invokeResource, readServedTarget } from '../../world';
import type { Outcome } from '../classify/outcome';
import { wirePath } from '../request/buildRequest';
import type { Expectation, PlannedCall, ResolvedCaller } from '../resolve/types';

export interface Verdict {
  passed: boolean;
  reason?: string;
}

/** The principal Lattice names in a denial for this caller. */
export function expectedPrincipal(caller: ResolvedCaller): string {
  if (caller.kind === 'anonymous') return 'anonymous';
  if (caller.kind === 'user') return caller.userArn;
  const [, partition, , , account, resource] = caller.roleArn.split(':');
  const roleName = resource.slice(resource.lastIndexOf('/') + 1);
  return `arn:${partition}:sts::${account}:assumed-role/${roleName}/${caller.sessionName}`;
}

/**
 * The resources a denial of this call may name: the service ARN and the path Lattice serves, which
 * is the path as sent normalised as the signer normalises it (`/public/../admin` is `/admin`),
 * decoded, or still percent-encoded (how Lattice writes unusual characters is not documented).
 */
export function expectedResources(call: PlannedCall): string[] {
  const served = readServedTarget(wirePath(call.service.url, call.request.path));
  if ('error' in served) return [];
  const encoded = served.forwarded.replace(/\?.*$/, '');
  return [...new Set([served.path, encoded])].map((path) => invokeResource(call.service.arn, path));
}

export function formatExpectation(expect: Expectation): string {
  if (expect.kind === 'deny')
    return (
      `deny by ` +
      `${expect.layer}${expect.explicit === undefined ? '' : expect.explicit ? ' (explicit deny)' : ' (no allow)'}`
    );
  const parts = ['allow'];
  if (expect.status !== undefined) parts.push(String(expect.status));
  if (expect.body !== undefined) parts.push(expect.body);
  if (expect.bodyIncludes !== undefined) parts.push(`…${expect.bodyIncludes}…`);
  if (expect.grpcStatus !== undefined) parts.push(`grpc-status ${expect.grpcStatus}`);
  return parts.join(' ');
}

/**
 * Expected versus observed. A deny expectation holds only on Lattice's denial from that layer, for this caller
 * and service.
 */
export function judgeOutcome(call: PlannedCall, outcome: Outcome): Verdict {
  const expect = call.expect;
  if (expect.kind === 'allow') {
    if (outcome.kind !== 'allowed')
      return { passed: false, reason: `expected the call to be allowed, observed ${outcome.kind}` };
    if (expect.status !== undefined && outcome.status !== expect.status)
      return { passed: false, reason: `expected status ${expect.status}, got ${outcome.status}` };
    if (expect.body !== undefined && outcome.truncated)
      return { passed: false, reason: `expected body ${JSON.stringify(expect.body)}, got a body cut at the cap` };
    if (expect.body !== undefined && outcome.body !== expect.body)
      return {
        passed: false,
        reason: `expected body ${JSON.stringify(expect.body)}, got ${JSON.stringify(outcome.body)}`,
      };
    if (expect.bodyIncludes !== undefined && !outcome.body.includes(expect.bodyIncludes))
      return { passed: false, reason: `expected the body to include ${JSON.stringify(expect.bodyIncludes)}` };
    if (expect.grpcStatus !== undefined && outcome.grpc?.status !== expect.grpcStatus) {
      const got = outcome.grpc ? `grpc-status ${outcome.grpc.status}` : 'no grpc-status';
      return { passed: false, reason: `expected grpc-status ${expect.grpcStatus}, got ${got}` };
    }
    return { passed: true };
  }
  if (outcome.kind !== 'denied')
    return {
      passed: false,
      reason:
        `expected a ${expect.layer} denial, observed ${outcome.kind}: only ` +
        `Lattice's AccessDenied counts as denied`,
    };
  if (outcome.layer !== expect.layer)
    return {
      passed: false,
      reason: `expected the ${expect.layer} layer to refuse, but the ${outcome.layer} layer did`,
    };
  if (expect.explicit !== undefined && outcome.explicit !== expect.explicit) {
    return {
      passed: false,
      reason: expect.explicit
        ? 'expected an explicit deny, got no matching allow'
        : 'expected no matching allow, got an explicit deny',
    };
  }
  const principal = expectedPrincipal(call.caller);
  if (outcome.principal !== principal)
    return { passed: false, reason: `the denial names ${outcome.principal}, not this caller (${principal})` };
  const resources = expectedResources(call);
  if (!resources.includes(outcome.resource))
    return { passed: false, reason: `the denial names resource ${outcome.resource}, not this call's ${resources[0]}` };
  return { passed: true };
}
