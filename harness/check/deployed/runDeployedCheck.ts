import { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { loadWorld, type WorldSpec } from '../../../world';
import { LOCAL_READER_ROLE, localReaders, withReaderRoles } from '../../import/withReaderRoles';
import { checkDeployedOrganization, type OrganizationDrift } from './checkDeployedOrganization';
import { formatOrganizationDrift } from './formatOrganizationDrift';
import { baseCredentialsFor, createCredentialSource } from '../../credentials/createCredentialSource';
import { localEnvironment } from '../../environments/localEnvironment';
import { noLocalWorld, type LocalWorldHandle, type StartLocalWorld } from '../../environments/LocalWorldHandle';
import { UserError } from '../../errors';
import type { Writable } from '../../reporters/consoleReporter';
import { resolveNamedEnvironment } from '../../resolve/resolvePlan';
import type { ResolvedEnvironment } from '../../resolve/types';
import { Redactor } from '../../run/Redactor';
import { sleep } from '../../run/backoff';
import type { CheckArgs } from '../parseCheckArgs';
import { checkDeployedPolicies } from './checkDeployedPolicies';
import { formatDeployedReport, toDeployedJson } from './formatDeployedReport';
import { localAuthPolicies } from './localAuthPolicies';
import type { CodeAuthPolicy } from './types';

export interface DeployedCheckIo {
  stdout: Writable;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface DeployedCheckDeps {
  /** The local world's spec: its policies are the code for `--env local`. */
  world: () => WorldSpec;
  /** Where the world's policy files are, to name them. */
  policiesDir?: string;
  /** A running local world to read for `--env local` instead of starting one (it is left running). */
  localWorld?: LocalWorldHandle;
  /** Starts the embedded local world (the emulator's startLocalWorld). */
  startLocalWorld?: StartLocalWorld;
  /**
   * The delay before each retry (ms), in place of the SDK's backoff and of the reader roles' assumption
   * backoff (attempts unchanged). Default: their own.
   */
  retryDelayMs?: number;
}

/** The SDK's default attempts per call (standard retry mode), kept when only the delay is replaced. */
const SDK_MAX_ATTEMPTS = 3;

/** What to compare, and where the control plane is. */
interface DeployedTarget {
  env: ResolvedEnvironment;
  policies: CodeAuthPolicy[];
  /**
   * The control plane's URL for the local world; elsewhere the SDK's own (AWS_ENDPOINT_URL_VPC_LATTICE is
   * honoured).
   */
  endpoint?: string;
  /** IAM's URL for the local world; elsewhere the SDK's own (AWS_ENDPOINT_URL_IAM is honoured). */
  iamEndpoint?: string;
  /** Organizations' URL for the local world; elsewhere the SDK's own (AWS_ENDPOINT_URL_ORGANIZATIONS is honoured). */
  organizationsEndpoint?: string;
  /** The world as code the whole deployed organization is compared with, when there is one to compare. */
  world?: WorldSpec;
}

async function resolveTarget(
  args: CheckArgs,
  io: DeployedCheckIo,
  deps: DeployedCheckDeps,
  local: () => Promise<LocalWorldHandle>,
): Promise<DeployedTarget> {
  if (args.env === 'local') {
    const running = await local();
    const spec = deps.world();
    // The local world is read as a real one is: by a reader role in each account, when it has them.
    const hasReaders = running.world.spec.roles.some((r) => r.name === LOCAL_READER_ROLE);
    const env = { ...localEnvironment(running), ...(hasReaders && { readers: localReaders(spec) }) };
    return {
      env,
      policies: localAuthPolicies(spec, deps.policiesDir),
      endpoint: running.controlPlaneEndpoint,
      iamEndpoint: running.iamEndpoint,
      organizationsEndpoint: running.organizationsEndpoint,
      world: spec,
    };
  }
  const env: ResolvedEnvironment = await resolveNamedEnvironment(args.env, args.dir, io.env);
  const policies = env.authPolicies ?? [];
  const world =
    env.worldRef !== undefined && env.readers !== undefined ? await loadWorld(env.worldRef, args.dir) : undefined;
  if (policies.length === 0 && !world) {
    throw new UserError(
      'PLAN_EMPTY',
      `environment "${args.env}" maps no auth policies and names no world ` +
        `with readers: set authPolicies ({ "<service or service network ARN>": ` +
        `"<policy file>" }), or world and readers, in its file to compare them ` +
        `with what is deployed`,
    );
  }
  return { env, policies, ...(world && { world }) };
}

/**
 * `check --deployed`: reads each mapped resource's auth type and auth policy from the VPC Lattice
 * control plane with the runner's own credentials (or the environment's `authPolicyReader` role),
 * compares the policy with the code and prints the report. Returns 0 when every policy is the same
 * and enforced, 1 otherwise. For `--env local` it reads the embedded world's control plane (started
 * here unless one is given).
 */
export async function runDeployedCheck(args: CheckArgs, io: DeployedCheckIo, deps: DeployedCheckDeps): Promise<number> {
  let started: LocalWorldHandle | undefined;
  const local = async () =>
    deps.localWorld ?? (started = await (deps.startLocalWorld ?? noLocalWorld)(withReaderRoles(deps.world())));
  const clients = new Map<string, VPCLatticeClient>();
  try {
    const { env, policies, endpoint, iamEndpoint, organizationsEndpoint, world } = await resolveTarget(
      args,
      io,
      deps,
      local,
    );
    const redactor = new Redactor();
    // Whatever the credentials are, no report may print them.
    const seen = (c: AwsCredentialIdentity) => redactor.add(c.secretAccessKey, c.sessionToken);
    const reader = env.authPolicyReader;
    const base = baseCredentialsFor(env);
    // The runner's own credentials, or a reader role in the service owner's account (assumed, renewed before it
    // expires).
    const retrySleep = deps.retryDelayMs === undefined ? undefined : () => sleep(deps.retryDelayMs as number);
    const source =
      reader && createCredentialSource(env, { onCredentials: seen, ...(retrySleep && { sleep: retrySleep }) });
    const credentials: AwsCredentialIdentityProvider = async (properties) => {
      const c = source && reader ? await source.forCaller(reader) : await base(properties);
      seen(c);
      return c;
    };
    const clientFor = (region: string) => {
      let client = clients.get(region);
      if (!client)
        clients.set(
          region,
          (client = new VPCLatticeClient({
            region,
            credentials,
            ...(deps.retryDelayMs !== undefined && {
              retryStrategy: new ConfiguredRetryStrategy(SDK_MAX_ATTEMPTS, deps.retryDelayMs),
            }),
            ...(endpoint !== undefined && { endpoint, useFipsEndpoint: false, useDualstackEndpoint: false }),
          })),
        );
      return client;
    };
    const report = redactor.redactDeep(
      await checkDeployedPolicies(policies, { environment: env.name, clientFor, timeoutMs: env.timeoutMs }),
    );
    const drift: OrganizationDrift | undefined =
      world &&
      redactor.redactDeep(
        await checkDeployedOrganization(env, world, {
          endpoints: {
            ...(endpoint && { lattice: endpoint }),
            ...(iamEndpoint && { iam: iamEndpoint }),
            ...(organizationsEndpoint && { organizations: organizationsEndpoint }),
          },
          onCredentials: seen,
          ...(deps.retryDelayMs !== undefined && { retryDelayMs: deps.retryDelayMs }),
          ...(retrySleep && { sleep: retrySleep }),
        }),
      );
    const json = {
      ...toDeployedJson(report, { cwd: io.cwd }),
      ...(drift && { organization: { summary: drift.summary, results: drift.entries } }),
    };
    const text = args.json
      ? `${JSON.stringify(json, null, 2)}\n`
      : `${formatDeployedReport(report, { cwd: io.cwd })}${drift ? `\n${formatOrganizationDrift(drift)}` : ''}`;
    io.stdout.write(redactor.redact(text));
    const policiesSame = report.summary.same === report.summary.total;
    return policiesSame && (!drift || drift.summary.same === drift.summary.total) ? 0 : 1;
  } finally {
    for (const client of clients.values()) client.destroy();
    await started?.close();
  }
}
