import type { WorldSpec } from '../../world';
import type { StaticKeys } from '../resolve/types';

/** A running local world as the harness uses it: its endpoints, its keys, its world. */
export interface LocalWorldHandle {
  world: { spec: WorldSpec; runnerKey: StaticKeys; userKeys: ReadonlyMap<string, StaticKeys> };
  stsEndpoint: string;
  /** The VPC Lattice control plane, as AWS_ENDPOINT_URL_VPC_LATTICE. */
  controlPlaneEndpoint: string;
  /** IAM (roles and their policies), as AWS_ENDPOINT_URL_IAM. */
  iamEndpoint?: string;
  /** AWS Organizations (OU tree, SCPs, RCPs), as AWS_ENDPOINT_URL_ORGANIZATIONS. */
  organizationsEndpoint?: string;
  /** AWS Lambda (the world's relays), as AWS_ENDPOINT_URL_LAMBDA. */
  lambdaEndpoint?: string;
  /** Each listener of the world by `<PROTOCOL>:<port>`. */
  listeners: Record<string, { address: string; port: number }>;
  caCertPem: string;
  close(): Promise<void>;
}

/** Starts a local world for a spec (the emulator's `startLocalWorld`, given by the command's entry point). */
export type StartLocalWorld = (spec: WorldSpec) => Promise<LocalWorldHandle>;

/** A starter for code paths that were given none: reaching it is a bug of the caller. */
export const noLocalWorld: StartLocalWorld = () => {
  throw new Error('no local world starter was given to this command');
};
