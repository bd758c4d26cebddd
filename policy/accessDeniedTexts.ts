/**
 * Every AccessDenied text the project writes or reads, in one table, so that a real observation
 * corrects it in one place. The emulator and `check` format from it; the harness's classifier
 * parses with it.
 *
 * The IAM User Guide documents the form (https://docs.aws.amazon.com/IAM/latest/UserGuide/
 * troubleshoot_access-denied.html, "Access denied error message examples"):
 * `User: <arn> is not authorized to perform: <action> on resource: <arn> because no <type> policy
 * allows the <action> action` for an implicit deny, `... with an explicit deny in a <type> policy`
 * for an explicit one, and "if multiple policy types deny an authorization request, AWS includes only
 * one of those policy types in the error message".
 *
 * Evidence per text: `seen` captured from the real service, `doc` the documented IAM form,
 * `guess` the documented IAM form used where the service's own wording is unpublished.
 */

/** The policy type a denial names. */
export type DenialSource = 'network' | 'service' | 'identity' | 'scp' | 'rcp' | 'boundary' | 'session';

export type Evidence = 'seen' | 'doc' | 'guess';

export interface DenialPhrases {
  /** The tail after the resource for an explicit deny. */
  explicit: string;
  /** The tail for an implicit deny ("no policy of this type allows"). */
  implicit: (action: string) => string;
}

const implicitFor = (type: string) => (action: string) => `because no ${type} allows the ${action} action`;

/** The tail of the message per policy type. */
export const DENIAL_PHRASES: Record<DenialSource, DenialPhrases> = {
  network: {
    explicit: 'with an explicit deny in a network-based policy',
    implicit: implicitFor('network-based policy'),
  },
  service: {
    explicit: 'with an explicit deny in a service-based policy',
    implicit: implicitFor('service-based policy'),
  },
  identity: {
    explicit: 'with an explicit deny in an identity-based policy',
    implicit: implicitFor('identity-based policy'),
  },
  // IAM page, "Access denied due to a Service Control Policy". The 2023 edition of the page said an
  // SCP refusal always reads "explicit deny", even when implicit; the current one gives both forms.
  scp: {
    explicit: 'with an explicit deny in a service control policy',
    implicit: implicitFor('service control policy'),
  },
  // IAM page, "Access denied due to a resource control policy".
  rcp: {
    explicit: 'with an explicit deny in a resource control policy',
    implicit: implicitFor('resource control policy'),
  },
  // IAM page, "Access denied due to a permissions boundary".
  boundary: {
    explicit: 'with an explicit deny in a permissions boundary',
    implicit: implicitFor('permissions boundary'),
  },
  // IAM page, "Access denied due to session policies" (its 2023 edition printed "a sessions policy").
  session: {
    explicit: 'with an explicit deny in a session policy',
    implicit: implicitFor('session policy'),
  },
};

/** How sure we are of each text, per operation. Lattice's own wording is published only for its three layers. */
export const INVOKE_EVIDENCE: Record<DenialSource, { explicit: Evidence; implicit: Evidence }> = {
  network: { explicit: 'guess', implicit: 'seen' },
  service: { explicit: 'seen', implicit: 'seen' },
  identity: { explicit: 'guess', implicit: 'seen' },
  scp: { explicit: 'guess', implicit: 'guess' },
  rcp: { explicit: 'guess', implicit: 'guess' },
  boundary: { explicit: 'guess', implicit: 'guess' },
  session: { explicit: 'guess', implicit: 'guess' },
};

/**
 * STS AssumeRole. A refusal by the role's trust policy or by the caller's identity-based policy has
 * no tail at all (`seen`, lattice-behaviour.md §8); the policy types that STS names are these
 * (the documented IAM forms: `guess` for STS until observed).
 */
export const ASSUME_ROLE_SOURCES: readonly DenialSource[] = ['scp', 'rcp', 'boundary', 'session'];

export const INVOKE_ACTION = 'vpc-lattice-svcs:Invoke';
export const ASSUME_ROLE_ACTION = 'sts:AssumeRole';
export const LAMBDA_INVOKE_ACTION = 'lambda:InvokeFunction';

/**
 * The tail naming a resource-based policy: the documented IAM form, which users report for Lambda's cross-account
 * Invoke of a function without a policy for them ("... because no resource-based policy allows the
 * lambda:InvokeFunction action"; `doc`, the explicit form a `guess`). Lattice and STS never name it.
 */
export const RESOURCE_POLICY_PHRASES: DenialPhrases = {
  explicit: 'with an explicit deny in a resource-based policy',
  implicit: implicitFor('resource-based policy'),
};

/** `User: <principal> is not authorized to perform: <action> on resource: <resource>` (no tail). */
export function formatNotAuthorized(principal: string, action: string, resource: string): string {
  return `User: ${principal} is not authorized to perform: ${action} on resource: ${resource}`;
}

/** The tail naming `source`, for `action`. */
export function formatDenialTail(source: DenialSource, explicit: boolean, action: string): string {
  const phrases = DENIAL_PHRASES[source];
  return explicit ? phrases.explicit : phrases.implicit(action);
}

/** Lattice's 403 body for an Invoke refused by `source`. */
export function formatInvokeDenied(args: {
  principal: string;
  resource: string;
  source: DenialSource;
  explicit: boolean;
}): string {
  const head = formatNotAuthorized(args.principal, INVOKE_ACTION, args.resource);
  return `AccessDeniedException: ${head} ${formatDenialTail(args.source, args.explicit, INVOKE_ACTION)}`;
}

/**
 * STS's AccessDenied message for AssumeRole (error code `AccessDenied`, HTTP 403). Without a source
 * (the trust policy, or the caller's identity-based policy) the message names no policy type.
 */
export function formatAssumeRoleDenied(args: {
  caller: string;
  roleArn: string;
  source?: DenialSource;
  explicit?: boolean;
}): string {
  const head = formatNotAuthorized(args.caller, ASSUME_ROLE_ACTION, args.roleArn);
  if (args.source === undefined) return head;
  return `${head} ${formatDenialTail(args.source, args.explicit ?? false, ASSUME_ROLE_ACTION)}`;
}

/**
 * Lambda's AccessDeniedException message for Invoke (HTTP 403): the documented IAM form, naming the one policy type
 * that refused (`resource` for the function's resource-based policy).
 */
export function formatLambdaInvokeDenied(args: {
  caller: string;
  functionArn: string;
  source: DenialSource | 'resource';
  explicit: boolean;
}): string {
  const head = formatNotAuthorized(args.caller, LAMBDA_INVOKE_ACTION, args.functionArn);
  const phrases = args.source === 'resource' ? RESOURCE_POLICY_PHRASES : DENIAL_PHRASES[args.source];
  return `${head} ${args.explicit ? phrases.explicit : phrases.implicit(LAMBDA_INVOKE_ACTION)}`;
}

/** Every tail of `sources` for `action`, each with what it names; for parsers. */
export function listDenialTails(
  sources: readonly DenialSource[],
  action: string,
): { tail: string; source: DenialSource; explicit: boolean }[] {
  return sources.flatMap((source) => [
    { tail: DENIAL_PHRASES[source].implicit(action), source, explicit: false },
    { tail: DENIAL_PHRASES[source].explicit, source, explicit: true },
  ]);
}
