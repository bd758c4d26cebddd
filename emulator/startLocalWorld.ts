import { isAdminCall, handleAdmin } from './admin/handleAdmin';
import { handleControlPlane, type ControlPlaneOptions } from './controlplane/handleControlPlane';
import { ControlPlaneError, controlPlaneErrorAnswer } from './controlplane/restJson';
import { Faults, type FaultSettings } from './faults/Faults';
import { serve, type Served, type ServerErrorReplies } from './http/serve';
import { plainText, type IncomingCall } from './http/types';
import { createRelay } from '../relay/handler';
import { handleInvoke } from './lattice/handleInvoke';
import {
  createRelayFunctions,
  DEFAULT_RELAY_LIMITS,
  type RelayFactory,
  type RelayLimits,
} from './lambda/createRelayFunctions';
import { handleLambdaCall, MAX_PAYLOAD_BYTES } from './lambda/handleLambdaCall';
import { LambdaError, lambdaErrorAnswer } from './lambda/LambdaError';
import { handleIamCall } from './iam/handleIamCall';
import { iamServerReplies } from './iam/iamServerReplies';
import { handleOrganizationsCall } from './organizations/handleOrganizationsCall';
import { organizationsServerReplies } from './organizations/organizationsServerReplies';
import { handleStsCall } from './sts/handleStsCall';
import { stsErrorReply, StsError } from './sts/stsXml';
import { createLocalPki } from './tls/createLocalPki';
import { listenersOf, seedWorld, type CompiledService, type WorldSpec } from '../world';
import { World, type Clock } from './world/World';

export interface LocalWorldOptions {
  spec?: WorldSpec;
  clock?: Clock;
  /** Called with emulator bugs (a handler that threw); defaults to stderr. */
  onInternalError?: (error: unknown) => void;
  /** How long a control-plane change takes to reach the data plane, on the world's clock. Default 0. */
  propagationDelayMs?: number;
  /** Faults and latency in force from the start; change them later with `LocalWorld.faults` or the admin endpoint. */
  faults?: Partial<FaultSettings>;
  /** DeleteAuthPolicy while the auth type is AWS_IAM: 'refuse' (ConflictException, the default) or 'allow'. */
  deleteAuthPolicyWhileAwsIam?: ControlPlaneOptions['deleteWhileAwsIam'];
  /** The body of the world's relays. Default `createRelay` (relay/handler.ts), as deployed. */
  relay?: RelayFactory;
  /** The relays' limits; default `DEFAULT_RELAY_LIMITS`. */
  relayLimits?: Partial<RelayLimits>;
}

/** A service of the local world and the loopback listeners that reach it whatever the Host header. */
export interface LocalService {
  name: string;
  /** The Lattice-style DNS name, routed by Host on the shared listeners (`dataPlane`, `https`). */
  domain: string;
  arn: string;
  /** `http://127.0.0.1:<port>`: this service's own plain-HTTP listener. */
  httpUrl: string;
  /** `https://127.0.0.1:<port>`: this service's own HTTPS listener (certificate from `caCertPem`). */
  httpsUrl: string;
}

export interface LocalWorld {
  world: World;
  /** STS endpoint URL, as AWS_ENDPOINT_URL_STS. */
  stsEndpoint: string;
  /** The VPC Lattice control plane, as AWS_ENDPOINT_URL_VPC_LATTICE. */
  controlPlaneEndpoint: string;
  /** IAM (roles and their policies), as AWS_ENDPOINT_URL_IAM. */
  iamEndpoint: string;
  /** AWS Organizations (the OU tree, SCPs and RCPs), as AWS_ENDPOINT_URL_ORGANIZATIONS. */
  organizationsEndpoint: string;
  /** AWS Lambda (the world's relays), as AWS_ENDPOINT_URL_LAMBDA. */
  lambdaEndpoint: string;
  /** The admin endpoint (`<controlPlaneEndpoint>/_local`): faults and counters. */
  adminUrl: string;
  /** Where service domain names resolve to in the local world (plain HTTP, routed by Host). */
  dataPlane: { address: string; port: number };
  /** The same shared data plane over HTTPS (routed by Host). */
  https: { address: string; port: number };
  /**
   * Where each listener of the world answers, by `<PROTOCOL>:<port>` (Lattice's port): HTTP:80 is
   * `dataPlane`, HTTPS:443 is `https`, every other port a loopback listener of its own (routed by Host).
   */
  listeners: Record<string, { address: string; port: number }>;
  /** The local world's CA certificate (PEM), made at start. */
  caCertPem: string;
  services: LocalService[];
  /** Fault and latency settings, changeable while the world runs. */
  faults: Faults;
  close(): Promise<void>;
}

/** Wildcards for the service domains' parent names, so one certificate covers every service name there. */
function certificateNames(services: CompiledService[]): string[] {
  const exact = services.flatMap((s) => [s.domain, ...(s.spec.customDomainName ? [s.spec.customDomainName] : [])]);
  const wildcards = exact.map((d) => `*.${d.slice(d.indexOf('.') + 1)}`);
  return [...new Set([...exact, ...wildcards])];
}

/**
 * Starts the local world on free loopback ports: STS, the Lattice control plane (with the admin
 * endpoint), the shared data plane over HTTP and HTTPS (routed by Host) and, per service, an HTTP
 * and an HTTPS listener of its own.
 */
export async function startLocalWorld(options: LocalWorldOptions = {}): Promise<LocalWorld> {
  const world = new World(options.spec ?? seedWorld(), options.clock, {
    propagationDelayMs: options.propagationDelayMs ?? 0,
  });
  const faults = new Faults(options.faults);
  const controlPlaneOptions: ControlPlaneOptions = {
    deleteWhileAwsIam: options.deleteAuthPolicyWhileAwsIam ?? 'refuse',
  };
  const report =
    options.onInternalError ??
    ((error: unknown) => process.stderr.write(`emulator internal error: ${(error as Error)?.stack ?? error}\n`));
  const pki = createLocalPki(certificateNames(world.services));
  const tls = { key: pki.serverKeyPem, cert: pki.serverCertPem };

  const stsReplies: ServerErrorReplies = {
    internal: (error) => {
      report(error);
      return stsErrorReply(
        new StsError(
          500,
          'InternalFailure',
          'The request processing has failed because of an unknown error.',
          'Receiver',
        ),
      );
    },
    tooLarge: () => stsErrorReply(new StsError(413, 'ValidationError', 'Request body too large')),
    malformed: (reason) => stsErrorReply(new StsError(400, 'MalformedInput', `Malformed request: ${reason}`)),
  };
  const latticeReplies: ServerErrorReplies = {
    internal: (error) => {
      report(error);
      return plainText(500, 'InternalServerException: An internal error occurred');
    },
    tooLarge: () => plainText(413, 'PayloadTooLargeException: Request body too large'),
    malformed: (reason) => plainText(400, `BadRequestException: Malformed request: ${reason}`),
  };
  const controlPlaneReplies: ServerErrorReplies = {
    internal: (error) => {
      report(error);
      return controlPlaneErrorAnswer(new ControlPlaneError('InternalServerException', 'An internal error occurred'));
    },
    tooLarge: () => controlPlaneErrorAnswer(ControlPlaneError.validation('Request body too large', 'other')),
    malformed: (reason) =>
      controlPlaneErrorAnswer(ControlPlaneError.validation(`Malformed request: ${reason}`, 'cannotParse')),
  };

  const servers: Served[] = [];
  const start = async (...args: Parameters<typeof serve>) => {
    const served = await serve(...args);
    servers.push(served);
    return served;
  };
  try {
    const sts = await start(
      (call) => {
        const latency = faults.delay('sts');
        return latency ? latency.then(() => handleStsCall(call, world, faults)) : handleStsCall(call, world, faults);
      },
      { name: 'sts', replies: stsReplies },
    );
    // IAM, Organizations and the control plane are where the world changes: after every call to
    // them, what the data plane and STS derive from the world is derived again (World.changed).
    const changing =
      <R>(handler: (call: IncomingCall) => R) =>
      (call: IncomingCall): R => {
        try {
          return handler(call);
        } finally {
          world.changed();
        }
      };
    const iam = await start(
      changing((call) => handleIamCall(call, world)),
      {
        name: 'iam',
        replies: iamServerReplies(report),
      },
    );
    const organizations = await start(
      changing((call) => handleOrganizationsCall(call, world)),
      {
        name: 'organizations',
        replies: organizationsServerReplies(report),
      },
    );
    const controlPlane = await start(
      changing((call) =>
        isAdminCall(call) ? handleAdmin(call, world, faults) : handleControlPlane(call, world, controlPlaneOptions),
      ),
      {
        name: 'control-plane',
        replies: controlPlaneReplies,
      },
    );
    const shared = (protocol: 'HTTP' | 'HTTPS', port: number) =>
      start((call) => handleInvoke(call, world, { faults, listener: { protocol, port } }), {
        name: 'lattice',
        replies: latticeReplies,
        tls: protocol === 'HTTPS' ? tls : undefined,
      });
    const dataPlane = await shared('HTTP', 80);
    const https = await shared('HTTPS', 443);
    const listeners: LocalWorld['listeners'] = {
      'HTTP:80': { address: dataPlane.host, port: dataPlane.port },
      'HTTPS:443': { address: https.host, port: https.port },
    };
    for (const listener of world.services.flatMap((s) => listenersOf(s.spec))) {
      const key = `${listener.protocol}:${listener.port}`;
      if (listeners[key]) continue;
      const served = await shared(listener.protocol, listener.port);
      listeners[key] = { address: served.host, port: served.port };
    }
    const functions = createRelayFunctions(
      { spec: world.spec, services: world.services, listeners, caCertPem: pki.caCertPem },
      options.relay ?? createRelay,
      { ...DEFAULT_RELAY_LIMITS, ...options.relayLimits },
    );
    const lambda = await start((call) => handleLambdaCall(call, world, functions), {
      name: 'lambda',
      maxBodyBytes: MAX_PAYLOAD_BYTES,
      replies: {
        internal: (error) => {
          report(error);
          return lambdaErrorAnswer(new LambdaError('ServiceException', 'An internal error occurred'));
        },
        tooLarge: () =>
          lambdaErrorAnswer(
            new LambdaError(
              'RequestTooLargeException',
              `Request must be smaller than ${MAX_PAYLOAD_BYTES} bytes for the InvokeFunction operation`,
            ),
          ),
        malformed: (reason) =>
          lambdaErrorAnswer(new LambdaError('InvalidRequestContentException', `Malformed request: ${reason}`)),
      },
    });
    const services: LocalService[] = [];
    for (const service of world.services) {
      // A service's own listeners stand for its first listener of each protocol (or that protocol's default port).
      const own = (protocol: 'HTTP' | 'HTTPS') => {
        const port =
          listenersOf(service.spec).find((l) => l.protocol === protocol)?.port ?? (protocol === 'HTTPS' ? 443 : 80);
        return start((call) => handleInvoke(call, world, { faults, service, listener: { protocol, port } }), {
          name: `lattice-${service.spec.name}`,
          replies: latticeReplies,
          tls: protocol === 'HTTPS' ? tls : undefined,
        });
      };
      const http = await own('HTTP');
      const httpsOwn = await own('HTTPS');
      services.push({
        name: service.spec.name,
        domain: service.domain,
        arn: service.arn,
        httpUrl: http.url,
        httpsUrl: httpsOwn.url,
      });
    }
    return {
      world,
      stsEndpoint: sts.url,
      controlPlaneEndpoint: controlPlane.url,
      iamEndpoint: iam.url,
      organizationsEndpoint: organizations.url,
      lambdaEndpoint: lambda.url,
      adminUrl: `${controlPlane.url}/_local`,
      dataPlane: { address: dataPlane.host, port: dataPlane.port },
      https: { address: https.host, port: https.port },
      listeners,
      caCertPem: pki.caCertPem,
      services,
      faults,
      close: async () => {
        await Promise.all(servers.map((s) => s.close()));
      },
    };
  } catch (error) {
    await Promise.all(servers.map((s) => s.close()));
    throw error;
  }
}
