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

export interface RetryInfo {
  call: PlannedCall;
  /** The attempt that just finished (from 1). */
  attempt: number;
  outcome: Outcome;
  delayMs: number;
  /** `transient`: a failure worth retrying; `inconsistent`: re-checking until a policy change has propagated. */
  reason: 'transient' | 'inconsistent';
}

export interface CallDeps {
  credentials: CredentialSource;
  redactor: Redactor;
  send?: (req: HttpRequest, options: SendOptions) => Promise<SendResult>;
  clock?: { now(): Date };
  /** Bounded retries of transient failures. */
  retry?: BackoffPolicy;
  /** Re-check calls that do not hold yet until `deadline` (epoch ms); times are measured from `since`. */
  untilConsistent?: { since: number; deadline: number; baseDelayMs: number; maxDelayMs: number };
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (info: RetryInfo) => void | Promise<void>;
}

async function observe(call: PlannedCall, env: ResolvedEnvironment, deps: CallDeps): Promise<Outcome> {
  let request = buildRequest(call);
  if (call.caller.kind === 'role') {
    let credentials: AwsCredentialIdentity;
    try {
      credentials = await deps.credentials.forCaller(call.caller);
    } catch (error) {
      if (error instanceof CredentialsError) return { kind: 'credentials-failed', role: error.role, code: error.code, message: error.message };
      throw error;
    }
    deps.redactor.add(credentials.secretAccessKey, credentials.sessionToken);
    request = await signRequest(request, { region: env.region, credentials, signingDate: deps.clock?.now(), algorithm: call.caller.signing });
    const authorization = request.headers.authorization ?? request.headers.Authorization;
    deps.redactor.add(/Signature=([0-9a-f]+)/.exec(authorization ?? '')?.[1]);
  }
  const send = deps.send ?? sendRequest;
  const result = await send(request, {
    timeoutMs: env.timeoutMs,
    connectTo: env.resolve[call.service.url.hostname.toLowerCase()],
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
  const retried: Outcome['kind'][] = [];
  let transientRetries = 0;
  for (let attempt = 1; ; attempt++) {
    const outcome = deps.redactor.redactDeep(await observe(call, env, deps));
    const verdict = judgeOutcome(call, outcome);
    const finish = (status: CallStatus): CallResult => ({
      call,
      outcome,
      verdict,
      status,
      attempts: attempt,
      retried,
      ...(deps.untilConsistent && status !== 'failed' ? { consistentAfterMs: Date.now() - deps.untilConsistent.since } : {}),
      durationMs: Date.now() - started,
    });
    // Passing only after a transient failure was retried is flaky; after re-checks for propagation it is not.
    if (verdict.passed) return finish(transientRetries > 0 ? 'flaky' : 'passed');
    let next: Pick<RetryInfo, 'reason' | 'delayMs'> | undefined;
    if (isTransient(outcome) && (transientRetries < retry.maxAttempts - 1 || deps.untilConsistent)) {
      next = { reason: 'transient', delayMs: backoffDelay(retry, transientRetries + 1) };
    } else if (deps.untilConsistent) {
      next = { reason: 'inconsistent', delayMs: backoffDelay(deps.untilConsistent, attempt) };
    }
    if (!next) return finish('failed');
    if (deps.untilConsistent && Date.now() + next.delayMs > deps.untilConsistent.deadline) return finish('failed');
    if (next.reason === 'transient') transientRetries++;
    retried.push(outcome.kind);
    await deps.onRetry?.({ call, attempt, outcome, ...next });
    await wait(next.delayMs);
  }
}
