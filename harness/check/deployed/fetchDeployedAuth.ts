import {
  GetAuthPolicyCommand,
  GetServiceCommand,
  GetServiceNetworkCommand,
  type VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import type { DeployedError, LatticeResourceType } from './types';

/** What the control plane says about one resource's auth: its name, auth type and policy (absent: none attached). */
export interface DeployedAuth {
  name?: string;
  authType?: string;
  policy?: string;
  policyState?: string;
  lastUpdatedAt?: Date;
}

export type FetchedAuth = { ok: true; auth: DeployedAuth } | { ok: false; error: DeployedError };

/**
 * A failed call as its operation and the SDK error's name and message; a transport error by its code
 * (ECONNREFUSED).
 */
class ControlPlaneCallError extends Error {
  constructor(readonly detail: DeployedError) {
    super(detail.message);
  }
}

interface SdkError {
  name?: string;
  code?: string;
  message?: string;
}

/** Runs one control-plane call with the environment's timeout; any failure becomes a ControlPlaneCallError. */
async function call<T>(
  operation: string,
  timeoutMs: number,
  send: (abortSignal: AbortSignal) => Promise<T>,
): Promise<T> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    return await send(abort.signal);
  } catch (error) {
    if (abort.signal.aborted)
      throw new ControlPlaneCallError({
        operation,
        name: 'TimeoutError',
        message: `the VPC Lattice control plane did not answer within ${timeoutMs} ms`,
      });
    const e = (error ?? {}) as SdkError;
    const name = (!e.name || e.name === 'Error') && e.code ? e.code : (e.name ?? 'Error');
    throw new ControlPlaneCallError({ operation, name, message: e.message ?? String(error) });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GetService or GetServiceNetwork (does the resource exist, what is its auth type), then
 * GetAuthPolicy. A ResourceNotFoundException from GetAuthPolicy on a resource that exists means
 * no policy is attached; any other failure is returned with its operation, name and message.
 */
export async function fetchDeployedAuth(
  client: VPCLatticeClient,
  resourceArn: string,
  type: LatticeResourceType,
  timeoutMs: number,
): Promise<FetchedAuth> {
  try {
    const resource =
      type === 'service'
        ? await call('GetService', timeoutMs, (abortSignal) =>
            client.send(new GetServiceCommand({ serviceIdentifier: resourceArn }), { abortSignal }),
          )
        : await call('GetServiceNetwork', timeoutMs, (abortSignal) =>
            client.send(new GetServiceNetworkCommand({ serviceNetworkIdentifier: resourceArn }), { abortSignal }),
          );
    const auth: DeployedAuth = { name: resource.name, authType: resource.authType };
    try {
      const policy = await call('GetAuthPolicy', timeoutMs, (abortSignal) =>
        client.send(new GetAuthPolicyCommand({ resourceIdentifier: resourceArn }), { abortSignal }),
      );
      Object.assign(auth, {
        policy: policy.policy || undefined,
        policyState: policy.state,
        lastUpdatedAt: policy.lastUpdatedAt,
      });
    } catch (error) {
      if (!(error instanceof ControlPlaneCallError && error.detail.name === 'ResourceNotFoundException')) throw error;
    }
    return { ok: true, auth };
  } catch (error) {
    if (error instanceof ControlPlaneCallError) return { ok: false, error: error.detail };
    throw error;
  }
}
