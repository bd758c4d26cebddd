import type { Layer } from '../../../harness/config/types';
import type { Expectation, PlannedCall } from '../../../harness/resolve/types';
import type { SendResult } from '../../../harness/send/sendRequest';

/**
 * What a call's expectation should say of an answer, written from AWS's documented texts alone (never from the
 * project's parser or judge): docs/lattice-behaviour.md section 2 for Lattice's three layers, and the IAM User
 * Guide's "Access denied error message examples" for the others (SCP, RCP, permissions boundary, session policy).
 *
 * Lattice's denial: status 403 and the body, exactly, with no trailing newline,
 * `AccessDeniedException: User: <principal> is not authorized to perform: vpc-lattice-svcs:Invoke on resource:
 * <service-arn>/<path without leading slash> <tail>`.
 */
const ACTION = 'vpc-lattice-svcs:Invoke';
const noAllow = (type: string) => `because no ${type} allows the ${ACTION} action`;

/** Per layer, the tails that name it: `[implicit, explicit]` of each policy type the layer holds. */
export const ORACLE_TAILS: Record<Layer, { implicit: string; explicit: string }[]> = {
  network: [{ implicit: noAllow('network-based policy'), explicit: 'with an explicit deny in a network-based policy' }],
  service: [{ implicit: noAllow('service-based policy'), explicit: 'with an explicit deny in a service-based policy' }],
  identity: [
    { implicit: noAllow('identity-based policy'), explicit: 'with an explicit deny in an identity-based policy' },
  ],
  organization: [
    { implicit: noAllow('service control policy'), explicit: 'with an explicit deny in a service control policy' },
    { implicit: noAllow('resource control policy'), explicit: 'with an explicit deny in a resource control policy' },
  ],
  boundary: [
    { implicit: noAllow('permissions boundary'), explicit: 'with an explicit deny in a permissions boundary' },
  ],
  session: [{ implicit: noAllow('session policy'), explicit: 'with an explicit deny in a session policy' }],
};

/** The principal a denial names: the role session's STS ARN, the user's ARN, or `anonymous` for an unsigned call. */
export function oraclePrincipal(call: PlannedCall): string {
  const caller = call.caller;
  if (caller.kind === 'anonymous') return 'anonymous';
  if (caller.kind === 'user') return caller.userArn;
  // arn:aws:iam::<acct>:role[/path]/<role-name>
  const account = caller.roleArn.split(':')[4];
  const roleName = caller.roleArn.split('/').pop();
  return `arn:aws:sts::${account}:assumed-role/${roleName}/${caller.sessionName}`;
}

/** RFC 3986: every byte but the unreserved characters, percent-encoded (upper-case hex). */
const percentEncode = (segment: string) =>
  [...new TextEncoder().encode(segment)]
    .map((b) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${hex(b)}`))
    .join('');
const hex = (b: number) => b.toString(16).toUpperCase().padStart(2, '0');

/**
 * The resources a denial of this call may name: the service ARN, `/`, the path without its leading slash and
 * without the query; the path as the scenario wrote it or as it travelled (how Lattice writes unusual characters
 * is not documented). The test's paths hold no dot segments and no empty ones, so nothing normalises them.
 */
export function oracleResources(call: PlannedCall): string[] {
  const path = call.request.path.slice(1);
  const encoded = path.split('/').map(percentEncode).join('/');
  return [...new Set([path, encoded])].map((p) => `${call.service.arn}/${p}`);
}

const denialsByCall = new Map<string, string[]>();

/** Every body Lattice could write to deny this call by `layer`; only the explicit or implicit forms if given. */
export function genuineDenials(call: PlannedCall, layer: Layer, explicit?: boolean): string[] {
  const key = `${call.id}\n${layer}\n${explicit}`;
  let denials = denialsByCall.get(key);
  if (!denials) denialsByCall.set(key, (denials = formatDenials(call, layer, explicit)));
  return denials;
}

function formatDenials(call: PlannedCall, layer: Layer, explicit?: boolean): string[] {
  const tails = ORACLE_TAILS[layer].flatMap((t) =>
    explicit === undefined ? [t.implicit, t.explicit] : [explicit ? t.explicit : t.implicit],
  );
  const principal = oraclePrincipal(call);
  return oracleResources(call).flatMap((resource) =>
    tails.map(
      (tail) =>
        `AccessDeniedException: User: ${principal} is not authorized to perform: ${ACTION} on resource: ` +
        `${resource} ${tail}`,
    ),
  );
}

/**
 * Whether `expect` may pass on `answer`. A deny: only a complete 403 whose body is one of the genuine denials.
 * An allow: a 2xx (with the status and the whole body asked for). Headers are not documented, so not read.
 */
export function oracleVerdict(call: PlannedCall, expect: Expectation, answer: SendResult): boolean {
  if (answer.kind !== 'response') return false;
  if (expect.kind === 'deny')
    return (
      answer.status === 403 &&
      !answer.truncated &&
      genuineDenials(call, expect.layer, expect.explicit).includes(answer.body)
    );
  if (answer.status < 200 || answer.status > 299) return false;
  if (expect.status !== undefined && answer.status !== expect.status) return false;
  if (expect.body !== undefined && (answer.truncated || answer.body !== expect.body)) return false;
  return true;
}
