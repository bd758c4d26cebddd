import { serve, type Served } from './http/serve';
import { handleStsCall } from './sts/handleStsCall';
import { stsErrorReply, StsError } from './sts/stsXml';
import { handleInvoke } from './lattice/handleInvoke';
import { seedWorld } from './world/seedWorld';
import { World, type Clock } from './world/World';
import type { WorldSpec } from './world/types';

export interface LocalWorldOptions {
  spec?: WorldSpec;
  clock?: Clock;
  /** Called with emulator bugs (a handler that threw); defaults to stderr. */
  onInternalError?: (error: unknown) => void;
}

export interface LocalWorld {
  world: World;
  /** STS endpoint URL, as AWS_ENDPOINT_URL_STS. */
  stsEndpoint: string;
  /** Where service domain names resolve to in the local world. */
  dataPlane: { address: string; port: number };
  close(): Promise<void>;
}

/** Starts the local world (STS and the Lattice data plane) on free loopback ports. */
export async function startLocalWorld(options: LocalWorldOptions = {}): Promise<LocalWorld> {
  const world = new World(options.spec ?? seedWorld(), options.clock);
  const report = options.onInternalError ?? ((error: unknown) => process.stderr.write(`emulator internal error: ${(error as Error)?.stack ?? error}\n`));
  const servers: Served[] = [];
  try {
    const sts = await serve((call) => handleStsCall(call, world), {
      name: 'sts',
      onInternalError: (error) => {
        report(error);
        return stsErrorReply(new StsError(500, 'InternalFailure', 'The request processing has failed because of an unknown error.', 'Receiver'));
      },
    });
    servers.push(sts);
    const lattice = await serve((call) => handleInvoke(call, world), {
      name: 'lattice',
      onInternalError: (error) => {
        report(error);
        return { status: 500, headers: { 'content-type': 'text/plain' }, body: 'InternalServerException: An internal error occurred' };
      },
    });
    servers.push(lattice);
    return {
      world,
      stsEndpoint: sts.url,
      dataPlane: { address: lattice.host, port: lattice.port },
      close: async () => {
        await Promise.all(servers.map((s) => s.close()));
      },
    };
  } catch (error) {
    await Promise.all(servers.map((s) => s.close()));
    throw error;
  }
}
