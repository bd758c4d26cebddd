import type { AwsCredentialIdentity, HttpRequest } from '@smithy/types';
import { classifyResponse } from '../classify/classifyResponse';
import type { Outcome } from '../classify/outcome';
import { CredentialsError, type CredentialSource } from '../credentials/createCredentialSource';
import { judgeOutcome, type Verdict } from '../judge/judgeOutcome';
import { buildRequest } from '../request/buildRequest';
import { signRequest } from '../request/signRequest';
import type { PlannedCall, ResolvedEnvironment } from '../resolve/types';
import { sendRequest, type SendOptions, type SendResult } from '../send/sendRequest';
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

export interface CallDeps {
  credentials: CredentialSource;
  redactor: Redactor;
  send?: (req: HttpRequest, options: SendOptions) => Promise<SendResult>;
  ca?: string | Buffer;
  clock?: { now(): Date };
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
    request = await signRequest(request, { region: env.region, credentials, signingDate: deps.clock?.now() });
    const authorization = request.headers.authorization ?? request.headers.Authorization;
    deps.redactor.add(/Signature=([0-9a-f]+)/.exec(authorization ?? '')?.[1]);
  }
  const send = deps.send ?? sendRequest;
  const result = await send(request, {
    timeoutMs: env.timeoutMs,
    connectTo: env.resolve[call.service.url.hostname.toLowerCase()],
    localAddress: call.caller.localAddress,
    ca: deps.ca,
  });
  return classifyResponse(result);
}

/** One call through the pipeline: credentials → build → sign → send → classify → judge. */
export async function runCall(call: PlannedCall, env: ResolvedEnvironment, deps: CallDeps): Promise<CallResult> {
  const started = Date.now();
  const outcome = deps.redactor.redactDeep(await observe(call, env, deps));
  const verdict = judgeOutcome(call, outcome);
  return { call, outcome, verdict, status: verdict.passed ? 'passed' : 'failed', attempts: 1, retried: [], durationMs: Date.now() - started };
}
