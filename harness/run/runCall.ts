import type { AwsCredentialIdentity, HttpRequest } from '@smithy/types';
import { classifyResponse } from '../classify/classifyResponse';
import type { Outcome } from '../classify/outcome';
import { CredentialsError, type CredentialSource, type ForCallerOptions } from '../credentials/createCredentialSource';
import { judgeOutcome, type Verdict } from '../judge/judgeOutcome';
import { buildRequest } from '../request/buildRequest';
import { signRequest } from '../request/signRequest';
import type { PlannedCall, ResolvedEnvironment } from '../resolve/types';
import { createLambdaInvoker, type LambdaInvoker } from '../send/createLambdaInvoker';
import { sendRequest, type SendOptions, type SendResult } from '../send/sendRequest';
import { sendViaRelay } from '../send/sendViaRelay';
import { DEFAULT_RETRY, sleep, type BackoffPolicy } from './backoff';
import { isTransient } from './isTransient';
import { DEFAULT_STABLE_CHECKS, pollUntilConsistent, type ConsistencyWindow } from './pollUntilConsistent';
import type { Redactor } from './Redactor';
import { retryTransient } from './retryTransient';

export { DEFAULT_STABLE_CHECKS };

/** `flaky`: the expectation held, but only after a transient failure was retried. */
export type CallStatus = 'passed' | 'failed' | 'flaky';

export interface CallResult {
  call: PlannedCall;
  /** The last observation (the one judged). */
  outcome: Outcome;
  verdict: Verdict;
  status: CallStatus;
  /** Observations made for this call, failed role assumptions included (1 when nothing was retried). */
  attempts: number;
  /** Outcome kinds of the earlier attempts, oldest first (empty when nothing was retried). */
  retried: Outcome['kind'][];
  /** With --until-consistent: milliseconds from the start of waiting until the expectation held. */
  consistentAfterMs?: number;
  durationMs: number;
  /** For an environment that mirrors a world: whether AWS answered as the world as code predicts. */
  model?: { agrees: boolean; predicted: string; reason?: string };
}

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
  /** Invokes a caller's relay (Lambda), with the runner's own credentials. Default: the AWS SDK's Lambda client. */
  invokeLambda?: LambdaInvoker;
  /** Every time the call reads: signing, durations, the consistency deadline. Default: the system clock. */
  clock?: { now(): Date };
  /** Bounded retries of transient failures. */
  retry?: BackoffPolicy;
  /**
   * Re-check calls that do not hold yet until `deadline` (epoch ms, on `clock`); times are measured
   * from `since`. A call seen not holding must then hold `stableChecks` times in a row (default 3).
   * A role STS refused is asked again at each re-check (a trust or identity policy may be changing).
   */
  untilConsistent?: ConsistencyWindow;
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

const SYSTEM_CLOCK = { now: () => new Date() };
/** The signature of a signed request's Authorization header (registered with the redactor). */
const SIGNATURE = /Signature=([0-9a-f]+)/;

/** The default invoker, one per run (its redactor): it registers the runner's credentials there. */
const invokers = new WeakMap<Redactor, LambdaInvoker>();
function invokerFor(env: ResolvedEnvironment, deps: CallDeps): LambdaInvoker {
  if (deps.invokeLambda) return deps.invokeLambda;
  let invoker = invokers.get(deps.redactor);
  if (!invoker) {
    invoker = createLambdaInvoker(env, {
      onCredentials: (c) => deps.redactor.add(c.secretAccessKey, c.sessionToken),
      clock: deps.clock,
    });
    invokers.set(deps.redactor, invoker);
  }
  return invoker;
}

const credentialsFailed = (e: CredentialsError): Outcome => ({
  kind: 'credentials-failed',
  role: e.role,
  code: e.code,
  message: e.message,
  transient: e.transient,
});

/** One observation through the pipeline: credentials → build → sign → send → classify. */
async function observe(
  call: PlannedCall,
  env: ResolvedEnvironment,
  deps: CallDeps,
  credentialOptions: ForCallerOptions,
): Promise<{ outcome: Outcome; refusal?: CredentialsError }> {
  let request = buildRequest(call);
  if (call.caller.kind === 'role' || call.caller.kind === 'user') {
    let credentials: AwsCredentialIdentity;
    if (call.caller.kind === 'user') {
      // A user signs with its own long-term keys: the local world's, or none known.
      if (!call.caller.keys) {
        const message = `no keys for user ${call.caller.userArn}: user callers are supported in local worlds`;
        return {
          outcome: {
            kind: 'credentials-failed',
            role: call.caller.userArn,
            code: 'NoCredentials',
            message,
            transient: false,
          },
        };
      }
      credentials = call.caller.keys;
    } else {
      try {
        credentials = await deps.credentials.forCaller(call.caller, credentialOptions);
      } catch (error) {
        if (!(error instanceof CredentialsError)) throw error;
        return { outcome: credentialsFailed(error), refusal: error.transient ? undefined : error };
      }
    }
    deps.redactor.add(credentials.secretAccessKey, credentials.sessionToken);
    const signing = { region: env.region, credentials, signingDate: deps.clock?.now(), algorithm: call.caller.signing };
    request = await signRequest(request, signing);
    const authorization = request.headers.authorization ?? request.headers.Authorization;
    deps.redactor.add(SIGNATURE.exec(authorization ?? '')?.[1]);
  }
  if (call.caller.relay !== undefined) {
    // Signed here, sent by the relay from inside its VPC; judged here.
    const relayed = await sendViaRelay(request, {
      relay: call.caller.relay,
      timeoutMs: env.timeoutMs,
      invoke: invokerFor(env, deps),
      http: call.http,
    });
    return { outcome: relayed.kind === 'relay-failed' ? relayed : classifyResponse(relayed) };
  }
  const send = deps.send ?? sendRequest;
  const result = await send(request, {
    timeoutMs: env.timeoutMs,
    connectTo: connectTarget(call, env),
    localAddress: call.caller.localAddress,
    ca: env.ca,
    http: call.http,
  });
  return { outcome: classifyResponse(result) };
}

/**
 * One call: an observation, its transient failures retried within `retry` (a role's failed
 * assumptions are retried by the credential source, once for every call that waits on it), then
 * judged. With `untilConsistent`, such observations are repeated until the call holds consistently
 * or the deadline passes.
 */
export async function runCall(call: PlannedCall, env: ResolvedEnvironment, deps: CallDeps): Promise<CallResult> {
  const clock = deps.clock ?? SYSTEM_CLOCK;
  // The system clock's time without a Date per reading.
  const now = deps.clock ? () => clock.now().getTime() : Date.now;
  const started = now();
  const wait = deps.sleep ?? sleep;
  const consistency = deps.untilConsistent;
  /** Every outcome seen, oldest first; the last is the one judged. */
  const seen: Outcome[] = [];
  const notes: Promise<void>[] = [];
  let transientRetries = 0;
  let refusal: CredentialsError | undefined;

  const note = (outcome: Outcome, delayMs: number, reason: RetryInfo['reason']) => {
    notes.push(Promise.resolve(deps.onRetry?.({ call, attempt: seen.length, outcome, delayMs, reason })));
  };
  const credentialOptions = (): ForCallerOptions => ({
    // While waiting for consistency, a refusal this call saw is asked again: trust policies change too.
    askAgainAfter: consistency ? refusal : undefined,
    onRetry: (failure, delayMs) => {
      const outcome = deps.redactor.redactDeep(credentialsFailed(failure));
      seen.push(outcome);
      transientRetries++;
      note(outcome, delayMs, 'transient');
    },
  });
  const observeOnce = async (): Promise<Outcome> => {
    const observed = await observe(call, env, deps, credentialOptions());
    refusal = observed.refusal ?? refusal;
    const outcome = deps.redactor.redactDeep(observed.outcome);
    seen.push(outcome);
    return outcome;
  };
  /** One observation with its transient failures retried (an assumption's were, by the credential source). */
  const check = async (mayWait?: (delayMs: number) => boolean) => {
    const { value: outcome } = await retryTransient(observeOnce, {
      policy: deps.retry ?? DEFAULT_RETRY,
      sleep: wait,
      mayWait,
      isTransient: (o) => o.kind !== 'credentials-failed' && isTransient(o),
      onRetry: (o, _attempt, delayMs) => {
        transientRetries++;
        note(o, delayMs, 'transient');
      },
    });
    const verdict = judgeOutcome(call, outcome);
    return { value: { outcome, verdict }, passed: verdict.passed };
  };
  const finish = async (outcome: Outcome, verdict: Verdict, held: boolean, consistentAt?: number) => {
    if (notes.length > 0) await Promise.all(notes);
    const consistentAfter =
      consistency && held && consistentAt !== undefined ? consistentAt - consistency.since : undefined;
    const result: CallResult = {
      call,
      outcome,
      verdict,
      // Passing only after a transient failure was retried is flaky; after re-checks for propagation it is not.
      status: !held ? 'failed' : transientRetries > 0 ? 'flaky' : 'passed',
      attempts: seen.length,
      retried: seen.length > 1 ? seen.slice(0, -1).map((o) => o.kind) : [],
      ...(consistentAfter !== undefined ? { consistentAfterMs: consistentAfter } : {}),
      durationMs: now() - started,
    };
    return result;
  };

  if (!consistency) {
    const { value } = await check();
    return finish(value.outcome, value.verdict, value.verdict.passed);
  }
  const stableChecks = consistency.stableChecks ?? DEFAULT_STABLE_CHECKS;
  const polled = await pollUntilConsistent(() => check((delayMs) => now() + delayMs <= consistency.deadline), {
    window: consistency,
    clock,
    sleep: wait,
    onWait: (last, reason, delayMs) => note(last.outcome, delayMs, reason),
  });
  const { outcome, verdict } = polled.last;
  if (polled.consistent) return finish(outcome, verdict, true, polled.at);
  if (polled.streak === 0) return finish(outcome, verdict, false);
  const times = `${polled.streak} time${polled.streak === 1 ? '' : 's'}`;
  const reason = `held ${times} in a row before the deadline, not the ${stableChecks} that make it consistent`;
  return finish(outcome, { passed: false, reason }, false);
}
