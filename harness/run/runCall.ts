import type { AwsCredentialIdentity, HttpRequest } from '@smithy/types';
import { classifyResponse } from '../classify/classifyResponse';
import type { Outcome } from '../classify/outcome';
import { CredentialsError, type CredentialSource } from '../credentials/createCredentialSource';
import { judgeOutcome, type Verdict } from '../judge/judgeOutcome';
import { buildRequest } from '../request/buildRequest';
import { signRequest } from '../request/signRequest';
import type { PlannedCall, ResolvedEnvironment } from '../resolve/types';
import { sendRequest, type SendOptions, type SendResult } from '../send/sendRequest';
import { backoffDelay, DEFAULT_RETRY, sleep, type BackoffPolicy } from './backoff';
import { isTransient } from './isTransient';
import type { Redactor } from './Redactor';

/** `flaky`: the expectation held, but only after a transient failure was retried. */
export type CallStatus = 'passed' | 'failed' | 'flaky';

export interface CallResult {
  call: PlannedCall;
  /** The last observation (the one judged). */
  outcome: Outcome;
  verdict: Verdict;
  status: CallStatus;
  /** Requests sent for this call (1 when nothing was retried). */
  attempts: number;
  /** Outcome kinds of the earlier attempts, oldest first (empty when nothing was retried). */
  retried: Outcome['kind'][];
  /** With --until-consistent: milliseconds from the start of waiting until the expectation held. */
  consistentAfterMs?: number;
  durationMs: number;
}

/** Checks in a row that make a call consistent once it was seen not to hold. */
export const DEFAULT_STABLE_CHECKS = 3;

export interface RetryInfo {
  call: PlannedCall;
  /** The attempt that just finished (from 1). */
  attempt: number;
  outcome: Outcome;
  delayMs: number;
  /**
   * `transient`: a failure worth retrying; `inconsistent`: re-checking until a policy change has
   * propagated; `confirming`: it holds now, checked again until it has held several times in a row.
   */
  reason: 'transient' | 'inconsistent' | 'confirming';
}

export interface CallDeps {
  credentials: CredentialSource;
  redactor: Redactor;
  send?: (req: HttpRequest, options: SendOptions) => Promise<SendResult>;
  clock?: { now(): Date };
  /** Bounded retries of transient failures. */
  retry?: BackoffPolicy;
  /**
   * Re-check calls that do not hold yet until `deadline` (epoch ms); times are measured from
   * `since`. A call seen not holding must then hold `stableChecks` times in a row (default 3).
   */
  untilConsistent?: { since: number; deadline: number; baseDelayMs: number; maxDelayMs: number; stableChecks?: number };
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (info: RetryInfo) => void | Promise<void>;
}

/** Where to connect instead of DNS: the environment's entry for `host:port`, else for the host. */
function connectTarget(call: PlannedCall, env: ResolvedEnvironment): { address: string; port: number } | undefined {
  const url = call.service.url;
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return env.resolve[`${host}:${port}`] ?? env.resolve[host];
}

async function observe(call: PlannedCall, env: ResolvedEnvironment, deps: CallDeps): Promise<Outcome> {
  let request = buildRequest(call);
  if (call.caller.kind === 'role' || call.caller.kind === 'user') {
    let credentials: AwsCredentialIdentity;
    if (call.caller.kind === 'user') {
      // A user signs with its own long-term keys: the local world's, or none known.
      if (!call.caller.keys) {
        const message = `no keys for user ${call.caller.userArn}: user callers are supported in local worlds`;
        return { kind: 'credentials-failed', role: call.caller.userArn, code: 'NoCredentials', message, transient: false };
      }
      credentials = call.caller.keys;
    } else {
      try {
        credentials = await deps.credentials.forCaller(call.caller);
      } catch (error) {
        if (error instanceof CredentialsError) return { kind: 'credentials-failed', role: error.role, code: error.code, message: error.message, transient: error.transient };
        throw error;
      }
    }
    deps.redactor.add(credentials.secretAccessKey, credentials.sessionToken);
    request = await signRequest(request, { region: env.region, credentials, signingDate: deps.clock?.now(), algorithm: call.caller.signing });
    const authorization = request.headers.authorization ?? request.headers.Authorization;
    deps.redactor.add(/Signature=([0-9a-f]+)/.exec(authorization ?? '')?.[1]);
  }
  const send = deps.send ?? sendRequest;
  const result = await send(request, {
    timeoutMs: env.timeoutMs,
    connectTo: connectTarget(call, env),
    localAddress: call.caller.localAddress,
    ca: env.ca,
  });
  return classifyResponse(result);
}

/**
 * One call through the pipeline: credentials → build → sign → send → classify → judge.
 * Transient failures are retried within `retry`; with `untilConsistent`, a call that does not
 * hold yet is re-checked with backoff until it does or the deadline passes.
 */
export async function runCall(call: PlannedCall, env: ResolvedEnvironment, deps: CallDeps): Promise<CallResult> {
  const started = Date.now();
  const retry = deps.retry ?? DEFAULT_RETRY;
  const wait = deps.sleep ?? sleep;
  const consistency = deps.untilConsistent;
  const stableChecks = consistency?.stableChecks ?? DEFAULT_STABLE_CHECKS;
  const retried: Outcome['kind'][] = [];
  let transientRetries = 0;
  let sawInconsistent = false;
  let streak = 0;
  let streakStartedAt = 0;
  for (let attempt = 1; ; attempt++) {
    const outcome = deps.redactor.redactDeep(await observe(call, env, deps));
    const observed = judgeOutcome(call, outcome);
    const finish = (status: CallStatus, verdict: Verdict = observed): CallResult => ({
      call,
      outcome,
      verdict,
      status,
      attempts: attempt,
      retried,
      ...(consistency && status !== 'failed' ? { consistentAfterMs: (sawInconsistent ? streakStartedAt : Date.now()) - consistency.since } : {}),
      durationMs: Date.now() - started,
    });
    // Passing only after a transient failure was retried is flaky; after re-checks for propagation it is not.
    const pass = () => finish(transientRetries > 0 ? 'flaky' : 'passed');
    let next: Pick<RetryInfo, 'reason' | 'delayMs'> | undefined;
    if (observed.passed) {
      streak++;
      if (streak === 1) streakStartedAt = Date.now();
      // Holding at once is consistent; after a change was seen in progress, answers may still be
      // mixed, so it must hold several times in a row.
      if (!consistency || !sawInconsistent || streak >= stableChecks) return pass();
      next = { reason: 'confirming', delayMs: backoffDelay(consistency, 1) };
    } else {
      streak = 0;
      if (isTransient(outcome) && (transientRetries < retry.maxAttempts - 1 || consistency)) {
        next = { reason: 'transient', delayMs: backoffDelay(retry, transientRetries + 1) };
      } else if (consistency) {
        sawInconsistent = true;
        next = { reason: 'inconsistent', delayMs: backoffDelay(consistency, attempt) };
      }
    }
    if (!next) return finish('failed');
    if (consistency && Date.now() + next.delayMs > consistency.deadline) {
      return streak > 0
        ? finish('failed', { passed: false, reason: `held ${streak} time${streak === 1 ? '' : 's'} in a row before the deadline, not the ${stableChecks} that make it consistent` })
        : finish('failed');
    }
    if (next.reason === 'transient') transientRetries++;
    retried.push(outcome.kind);
    await deps.onRetry?.({ call, attempt, outcome, ...next });
    await wait(next.delayMs);
  }
}
