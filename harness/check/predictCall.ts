import type { EvalRequest, InvokeAuthInput, LayerExplanation, SourceOrgIdMode } from '../../policy';
import {
  compileWorld,
  decideInvoke,
  invokeNeedsAuth,
  networkSubject,
  organizationOf,
  roleSubject,
  routeInvoke,
  serviceSubject,
  userSubject,
  type CompiledWorld,
  type SigningPrincipal,
  type WorldPolicy,
  type WorldSpec,
} from '../../world';
import type { PlannedCall } from '../resolve/types';
import { describeSourceOrgId } from './describeSourceOrgId';
import { predictAssumeRole, type StsConnection } from './predictAssumeRole';
import { predictRelayInvoke } from './predictRelayInvoke';
import { guardrailSources, reportGuardrails } from './reportGuardrails';
import { reportStatements, statementSources } from './reportStatements';
import { resolveWireRequest, type WireRequest } from './resolveWireRequest';
import type { Explanation, LayerReport, PredictedCall, Prediction } from './types';

/** A policy value of the spec (by identity) → the policies-as-code file it was read from. */
export type PolicyFiles = ReadonlyMap<unknown, string>;

export interface PredictOptions {
  /** When the request is sent: aws:CurrentTime, aws:EpochTime, x-amz-date. Default: now. */
  now?: Date;
  /** The source address of a caller without `localAddress` (where the runner sends from). Default 127.0.0.1. */
  sourceAddress?: string;
  /** Overrides the world's `sourceOrgIdMode`: what each reading of aws:SourceOrgID would give. */
  sourceOrgIdMode?: SourceOrgIdMode;
  /** For explanations: which file each policy came from. Default: the world's own record. */
  policyFiles?: PolicyFiles;
  /** How the runner reaches STS, and Lambda to invoke a relay. Default: the local world's (127.0.0.1, plain HTTP). */
  sts?: StsConnection;
}

/** The signing principal of a planned call, as the world knows it; or why STS refuses it. */
function resolvePrincipal(
  call: PlannedCall,
  world: CompiledWorld,
  now: Date,
  explanation: Explanation,
  sts?: StsConnection,
): { caller: SigningPrincipal | { kind: 'anonymous' } } | { refused: Prediction } {
  const { caller } = call;
  if (caller.kind === 'anonymous') return { caller: { kind: 'anonymous' } };
  if (caller.kind === 'user') {
    const user = world.users.find((u) => u.arn === caller.userArn);
    if (!user) {
      return {
        refused: { kind: 'unreachable', code: 'UNKNOWN_HOST', message: `the world has no user ${caller.userArn}` },
      };
    }
    return { caller: { kind: 'user', user } };
  }
  const assumed = predictAssumeRole(caller, world, now, sts);
  if (assumed.kind === 'refused') {
    if (assumed.report) explanation.credentials = assumed.report;
    explanation.notes.push(`STS refuses the caller's role ${caller.roleArn}: no request is sent`);
    return { refused: assumed.prediction };
  }
  // The session is issued as the call is made: its aws:TokenIssueTime is the request's time.
  return { caller: { ...assumed.principal, issuedAt: now } };
}

/**
 * Predicts a planned call against a world, offline, with the same decisions the local world
 * makes (world/): the caller's role session (decideAssumeRole), the runner's Invoke of the caller's
 * relay (decideLambdaInvoke), the route (routeInvoke), then Lattice's authorization (decideInvoke);
 * and the explanation of each layer from the engine's traces.
 */
export function predictCall(call: PlannedCall, spec: WorldSpec, options: PredictOptions = {}): PredictedCall {
  const world = compileWorld(spec);
  const now = options.now ?? new Date();
  const sourceOrgIdMode = options.sourceOrgIdMode ?? spec.sourceOrgIdMode;
  const wire = resolveWireRequest(call, {
    now,
    region: spec.region,
    sourceAddress: options.sourceAddress ?? '127.0.0.1',
  });
  const url = call.service.url;
  const route = routeInvoke(world, {
    host: url.hostname,
    protocol: wire.secure ? 'HTTPS' : 'HTTP',
    port: wire.port,
    sourceAddress: wire.sourceIp,
  });
  const vpcOrg = organizationOf(spec, route.vpc.account);
  const explanation: Explanation = {
    caller: { name: call.caller.name, principal: 'anonymous' },
    sourceVpc: {
      id: route.vpc.id,
      account: route.vpc.account,
      ...(vpcOrg && { orgId: vpcOrg.orgId }),
      address: wire.sourceIp,
      matchedBy: route.vpcMatchedBy,
    },
    service: undefined,
    network: undefined,
    sourceOrgIdMode,
    layers: [],
    notes: [],
  };
  const done = (prediction: Prediction): PredictedCall => ({ prediction, explanation });

  const resolved = resolvePrincipal(call, world, now, explanation, options.sts);
  if ('refused' in resolved) return done(resolved.refused);
  const { caller } = resolved;
  if (call.caller.relay !== undefined) {
    // The runner invokes the relay with its own credentials: a refused Invoke sends nothing to Lattice.
    const refused = predictRelayInvoke(call.caller.relay, world, now, options.sts);
    if (refused) {
      if (refused.report) explanation.relay = refused.report;
      explanation.notes.push(
        `Lambda refuses the runner's Invoke of the relay ${call.caller.relay}: no request is sent`,
      );
      return done(refused.prediction);
    }
  }
  if (caller.kind !== 'anonymous') {
    const account = caller.kind === 'user' ? caller.user.spec.account : caller.role.spec.account;
    const org = organizationOf(spec, account);
    explanation.caller = {
      name: call.caller.name,
      principal:
        caller.kind === 'user'
          ? caller.user.arn
          : `arn:aws:sts::${account}:assumed-role/${caller.role.spec.name}/${caller.sessionName}`,
      account,
      ...(org && { orgId: org.orgId }),
    };
  }
  if (route.service) explanation.service = { name: route.service.spec.name, arn: route.service.arn };
  if (route.kind === 'unreachable') {
    explanation.notes.push(route.message);
    return done({ kind: 'unreachable', code: route.code, message: route.message });
  }
  const { service, network } = route;
  explanation.service = { name: service.spec.name, arn: service.arn };
  explanation.network = { name: network.spec.name, arn: network.arn };

  const auth = {
    service: { authType: service.spec.authType, policy: service.policy?.policy },
    network: { authType: network.spec.authType, policy: network.policy?.policy },
  };
  // With auth type NONE on both layers nothing is verified: the caller is anonymous to Lattice.
  const signed = invokeNeedsAuth(auth) ? caller : { kind: 'anonymous' as const };
  const decision = decideInvoke(world, {
    caller: signed,
    route,
    method: wire.method,
    path: wire.path,
    headers: wire.headers,
    query: wire.query,
    sourceIp: wire.sourceIp,
    secure: wire.secure,
    now,
    auth,
    sourceOrgIdMode,
  });
  const { result, request } = decision;
  {
    const noteFor = conditionNotes(decision.input, wire);
    const identityPolicies: WorldPolicy[] =
      caller.kind === 'session'
        ? caller.role.identityPolicies
        : caller.kind === 'user'
          ? caller.user.identityPolicies
          : [];
    const policiesOf = {
      network: network.policy ? [network.policy] : [],
      service: service.policy ? [service.policy] : [],
      identity: identityPolicies,
    };
    const subjects = {
      network: networkSubject(network.spec),
      service: serviceSubject(service.spec),
      identity:
        caller.kind === 'session'
          ? roleSubject(caller.role.spec)
          : caller.kind === 'user'
            ? userSubject(caller.user.spec)
            : 'anonymous caller',
    };
    const files = options.policyFiles ?? spec.policyFiles;
    explanation.layers = result.explanation.map((e) =>
      reportLayer(
        e,
        subjects[e.layer as keyof typeof subjects],
        policiesOf[e.layer as keyof typeof policiesOf] ?? [],
        request,
        noteFor,
        files,
      ),
    );
    const sources = guardrailSources(world, signed, service.spec.account);
    const guardrails = reportGuardrails(result.guardrails, sources, request, files, noteFor);
    if (guardrails.length > 0) explanation.guardrails = guardrails;
  }
  if (!result.allowed) {
    return done({
      kind: 'denied',
      layer: result.layer,
      explicit: result.explicit,
      principal: explanation.caller.principal,
      resource: request.resource!,
      message: result.message,
    });
  }
  const target = service.spec.target;
  if (target.kind === 'fixed') return done({ kind: 'allowed', status: target.status, body: target.body });
  explanation.notes.push(
    target.kind === 'echo'
      ? "the echo target's body repeats the request as sent: not predicted"
      : `the upstream target ${target.url} answers for itself: not predicted`,
  );
  return done(target.kind === 'echo' ? { kind: 'allowed', status: 200 } : { kind: 'allowed' });
}

/** Notes on request values whose origin is not obvious from the request itself. */
function conditionNotes(input: InvokeAuthInput, wire: WireRequest): (key: string) => string | undefined {
  const runTimeOnly = new Set(wire.runTimeOnly.map((h) => `vpc-lattice-svcs:requestheader/${h}`));
  return (key) => {
    const lower = key.toLowerCase();
    if (lower === 'aws:sourceorgid') return describeSourceOrgId(input);
    if (runTimeOnly.has(lower)) return 'known only once the request is signed: a placeholder here';
    if (lower === 'vpc-lattice-svcs:port')
      return "the listener's port (443 for https, 80 for http when the URL names none)";
    return undefined;
  };
}

function reportLayer(
  e: LayerExplanation,
  subject: string,
  policies: WorldPolicy[],
  request: EvalRequest,
  noteFor: (key: string) => string | undefined,
  files: PolicyFiles | undefined,
): LayerReport {
  const used = e.evaluation ? policies : [];
  return {
    layer: e.layer,
    subject,
    files: used.flatMap((p) => files?.get(p.source) ?? []),
    ...(e.authType !== undefined && { authType: e.authType }),
    decision: e.decision,
    ...(e.note !== undefined && { note: e.note }),
    statements: e.evaluation
      ? reportStatements(e.evaluation, request, {
          statements: used.flatMap((p) => statementSources(p.source)),
          noteFor,
        })
      : [],
  };
}
