import {
  ASSUME_ROLE_ACTION,
  ASSUME_ROLE_SOURCES,
  DENIAL_PHRASES,
  INVOKE_ACTION,
  listDenialTails,
  type DenialSource,
} from '../../policy/accessDeniedTexts';
import type { Layer } from '../config/types';

export interface AccessDenied {
  principal: string;
  resource: string;
  layer: Layer;
  explicit: boolean;
}

/** The layer each policy type belongs to: SCPs and RCPs are the organization's. */
const LAYER_OF: Record<DenialSource, Layer> = {
  network: 'network',
  service: 'service',
  identity: 'identity',
  scp: 'organization',
  rcp: 'organization',
  boundary: 'boundary',
  session: 'session',
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A parser for `<prefix>User: <principal> is not authorized to perform: <action> on resource: <resource>[ <tail>]`. */
function compile(prefix: string, action: string, sources: readonly DenialSource[], tailOptional: boolean) {
  const tails = listDenialTails(sources, action);
  const byTail = new Map(tails.map((t) => [t.tail, t]));
  const alternatives = tails.map((t) => escapeRegExp(t.tail)).join('|');
  const tail = tailOptional ? `(?: (${alternatives}))?` : ` (${alternatives})`;
  const head =
    `${escapeRegExp(prefix)}User: (\\S+) is not authorized to perform: ` +
    `${escapeRegExp(action)} on resource: (\\S.*?)`;
  const pattern = new RegExp(`^${head}${tail}$`);
  return (text: string) => {
    const match = pattern.exec(text);
    if (!match) return undefined;
    const [, principal, resource, found] = match;
    return { principal: principal!, resource: resource!, named: found === undefined ? undefined : byTail.get(found)! };
  };
}

/**
 * Lattice's denial, byte for byte: `AccessDeniedException: User: <principal> is not authorized to
 * perform: vpc-lattice-svcs:Invoke on resource: <resource>` then the tail of one policy type of
 * `policy/accessDeniedTexts.ts` (network, service, identity; SCP, RCP, boundary, session).
 */
const ALL_SOURCES = Object.keys(DENIAL_PHRASES) as DenialSource[];
const parseInvoke = compile('AccessDeniedException: ', INVOKE_ACTION, ALL_SOURCES, false);

/** Parses the body of a 403; anything not exactly Lattice's text is not a denial. */
export function parseAccessDenied(body: string): AccessDenied | undefined {
  const parsed = parseInvoke(body);
  if (!parsed?.named) return undefined;
  const { source, explicit } = parsed.named;
  return { principal: parsed.principal, resource: parsed.resource, layer: LAYER_OF[source], explicit };
}

/** An STS AssumeRole refusal: `layer` is absent when the message names no policy type (trust or identity policy). */
export interface AssumeRoleDenied {
  principal: string;
  roleArn: string;
  layer?: Layer;
  explicit?: boolean;
}

const parseAssumeRole = compile('', ASSUME_ROLE_ACTION, ASSUME_ROLE_SOURCES, true);

/**
 * Parses the message of STS's `AccessDenied` for AssumeRole: `User: <caller> is not authorized to
 * perform: sts:AssumeRole on resource: <role-arn>`, bare or with the tail of an SCP, RCP,
 * permissions boundary or session policy. Anything else is not recognised.
 */
export function parseAssumeRoleDenied(message: string): AssumeRoleDenied | undefined {
  const parsed = parseAssumeRole(message);
  if (!parsed || /\s/.test(parsed.resource)) return undefined;
  if (!parsed.named) return { principal: parsed.principal, roleArn: parsed.resource };
  const { source, explicit } = parsed.named;
  return { principal: parsed.principal, roleArn: parsed.resource, layer: LAYER_OF[source], explicit };
}
