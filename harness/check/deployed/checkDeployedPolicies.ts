import type { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { compareAuthPolicies } from './compareAuthPolicies';
import { fetchDeployedAuth } from './fetchDeployedAuth';
import type { CodeAuthPolicy, DeployedCheck, DeployedReport, DeployedStatus, LatticeResourceType } from './types';

export interface CheckDeployedOptions {
  /** The environment's name, for the report. */
  environment: string;
  /** A control-plane client for the region of a resource's ARN. */
  clientFor(region: string): VPCLatticeClient;
  /** How long one control-plane call may take. */
  timeoutMs: number;
}

/** `arn:<partition>:vpc-lattice:<region>:<account>:<type>/<id>` → type and region. */
function parseResourceArn(arn: string): { type: LatticeResourceType; region: string } {
  const [, , , region, , resource = ''] = arn.split(':');
  return { type: resource.startsWith('servicenetwork/') ? 'servicenetwork' : 'service', region };
}

async function checkOne(code: CodeAuthPolicy, options: CheckDeployedOptions): Promise<DeployedCheck> {
  const { type, region } = parseResourceArn(code.resourceArn);
  const base = {
    resourceArn: code.resourceArn,
    resourceType: type,
    ...(code.file !== undefined && { file: code.file }),
  };
  // An answer the SDK could not make sense of (no body, a wrong shape) fails this resource, not the whole report.
  const fetched = await fetchDeployedAuth(options.clientFor(region), code.resourceArn, type, options.timeoutMs).catch(
    (error: unknown) => ({
      ok: false as const,
      error: {
        operation: 'GetAuthPolicy',
        name: 'UnexpectedResponse',
        message: (error as Error)?.message ?? String(error),
      },
    }),
  );
  if (!fetched.ok) return { ...base, status: 'error', differences: [], error: fetched.error };
  const { auth } = fetched;
  const found = {
    ...base,
    ...(auth.name !== undefined && { name: auth.name }),
    ...(auth.authType !== undefined && { authType: auth.authType }),
    ...(auth.policyState !== undefined && { policyState: auth.policyState }),
    ...(auth.lastUpdatedAt !== undefined && { lastUpdatedAt: auth.lastUpdatedAt.toISOString() }),
  };
  let deployed: unknown;
  if (auth.policy !== undefined) {
    try {
      deployed = JSON.parse(auth.policy);
    } catch (error) {
      return {
        ...found,
        status: 'error',
        differences: [],
        error: {
          operation: 'GetAuthPolicy',
          name: 'InvalidPolicyDocument',
          message: `the deployed policy is not JSON: ${(error as Error).message}`,
        },
      };
    }
    if (typeof deployed !== 'object' || deployed === null || Array.isArray(deployed)) {
      return {
        ...found,
        status: 'error',
        differences: [],
        error: {
          operation: 'GetAuthPolicy',
          name: 'InvalidPolicyDocument',
          message: 'the deployed policy is not a JSON object',
        },
      };
    }
  }
  const differences = deployed === undefined ? [] : compareAuthPolicies(code.document, deployed);
  const policy = deployed === undefined ? 'missing' : differences.length > 0 ? 'differs' : 'same';
  // The code expects its policy enforced: with auth type NONE the layer allows everything, whatever the policy says.
  if (auth.authType === 'NONE' || auth.policyState === 'Inactive')
    return { ...found, status: 'inactive', policy, differences };
  // Anything but AWS_IAM (and, with a policy, Active) is an answer we cannot vouch for: never `same`.
  const unexpected =
    auth.authType !== 'AWS_IAM'
      ? `auth type ${JSON.stringify(auth.authType)}`
      : deployed !== undefined && auth.policyState !== 'Active'
        ? `policy state ${JSON.stringify(auth.policyState)}`
        : undefined;
  if (unexpected)
    return {
      ...found,
      status: 'error',
      policy,
      differences,
      error: {
        operation: 'GetAuthPolicy',
        name: 'UnexpectedResponse',
        message: `the control plane answered an unexpected ${unexpected}`,
      },
    };
  return { ...found, status: policy, policy, differences };
}

/**
 * Compares each policy as code with what the VPC Lattice control plane has deployed for its
 * resource, semantically, one resource at a time in parallel.
 */
export async function checkDeployedPolicies(
  policies: CodeAuthPolicy[],
  options: CheckDeployedOptions,
): Promise<DeployedReport> {
  const checks = await Promise.all(policies.map((p) => checkOne(p, options)));
  const summary = { total: checks.length, same: 0, differs: 0, missing: 0, inactive: 0, error: 0 } satisfies {
    total: number;
  } & Record<DeployedStatus, number>;
  for (const c of checks) summary[c.status] += 1;
  return { environment: options.environment, checks, summary };
}
