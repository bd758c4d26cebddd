import { isAdminCall, handleAdmin } from './admin/handleAdmin';
import { handleControlPlane, type ControlPlaneOptions } from './controlplane/handleControlPlane';
import { ControlPlaneError, controlPlaneErrorAnswer } from './controlplane/restJson';
import { Faults, type FaultSettings } from './faults/Faults';
import { serve, type Served, type ServerErrorReplies } from './http/serve';
import { plainText } from './http/types';
import { handleInvoke } from './lattice/handleInvoke';
import { handleStsCall } from './sts/handleStsCall';
import { stsErrorReply, StsError } from './sts/stsXml';
import { createLocalPki } from './tls/createLocalPki';
import { seedWorld } from './world/seedWorld';
import { World, type Clock, type ResolvedService } from './world/World';
import type { WorldSpec } from './world/types';

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
  /** The admin endpoint (`<controlPlaneEndpoint>/_local`): faults and counters. */
  adminUrl: string;
  /** Where service domain names resolve to in the local world (plain HTTP, routed by Host). */
  dataPlane: { address: string; port: number };
  /** The same shared data plane over HTTPS (routed by Host). */
  https: { address: string; port: number };
  /** The local world's CA certificate (PEM), made at start. */
  caCertPem: string;
  services: LocalService[];
  /** Fault and latency settings, changeable while the world runs. */
  faults: Faults;
  close(): Promise<void>;
}

/** Wildcards for the service domains' parent names, so one certificate covers every service name there. */
function certificateNames(services: ResolvedService[]): string[] {
  const exact = services.map((s) => s.domain);
  const wildcards = exact.map((d) => `*.${d.slice(d.indexOf('.') + 1)}`);
  return [...new Set([...exact, ...wildcards])];
}

/**
 * Starts the local world on free loopback ports: STS, the Lattice control plane (with the admin
 * endpoint), the shared data plane over HTTP and HTTPS (routed by Host) and, per service, an HTTP
 * and an HTTPS listener of its own.
 */
export async function startLocalWorld(options: LocalWorldOptions = {}): Promise<LocalWorld> {
  const world = new World(options.spec ?? seedWorld(), options.clock, { propagationDelayMs: options.propagationDelayMs ?? 0 });
  const faults = new Faults(options.faults);
  const controlPlaneOptions: ControlPlaneOptions = { deleteWhileAwsIam: options.deleteAuthPolicyWhileAwsIam ?? 'refuse' };
  const report = options.onInternalError ?? ((error: unknown) => process.stderr.write(`emulator internal error: ${(error as Error)?.stack ?? error}\n`));
  const pki = createLocalPki(certificateNames(world.services));
  const tls = { key: pki.serverKeyPem, cert: pki.serverCertPem };

  const stsReplies: ServerErrorReplies = {
    internal: (error) => {
      report(error);
      return stsErrorReply(new StsError(500, 'InternalFailure', 'The request processing has failed because of an unknown error.', 'Receiver'));
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
    malformed: (reason) => controlPlaneErrorAnswer(ControlPlaneError.validation(`Malformed request: ${reason}`, 'cannotParse')),
  };

  const servers: Served[] = [];
  const start = async (...args: Parameters<typeof serve>) => {
    const served = await serve(...args);
    servers.push(served);
    return served;
  };
  try {
    const sts = await start(
      async (call) => {
        await faults.delay('sts');
        return handleStsCall(call, world, faults);
      },
      { name: 'sts', replies: stsReplies },
    );
    const controlPlane = await start((call) => (isAdminCall(call) ? handleAdmin(call, world, faults) : handleControlPlane(call, world, controlPlaneOptions)), {
      name: 'control-plane',
      replies: controlPlaneReplies,
    });
    const shared = (secure: boolean) => start((call) => handleInvoke(call, world, { faults }), { name: 'lattice', replies: latticeReplies, tls: secure ? tls : undefined });
    const dataPlane = await shared(false);
    const https = await shared(true);
    const services: LocalService[] = [];
    for (const service of world.services) {
      const own = (secure: boolean) =>
        start((call) => handleInvoke(call, world, { faults, service }), { name: `lattice-${service.spec.name}`, replies: latticeReplies, tls: secure ? tls : undefined });
      const http = await own(false);
      const httpsOwn = await own(true);
      services.push({ name: service.spec.name, domain: service.domain, arn: service.arn, httpUrl: http.url, httpsUrl: httpsOwn.url });
    }
    return {
      world,
      stsEndpoint: sts.url,
      controlPlaneEndpoint: controlPlane.url,
      adminUrl: `${controlPlane.url}/_local`,
      dataPlane: { address: dataPlane.host, port: dataPlane.port },
      https: { address: https.host, port: https.port },
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
