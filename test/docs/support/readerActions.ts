import { join } from 'node:path';
import { projectRoot } from '../../support/paths';
import { reachableFiles, scanSdkCalls, type SdkCall } from './scanSdkCalls';

/** Where `npm run world -- import` and `npm run check -- --deployed` start. */
export const READ_ENTRIES = ['harness/import/runWorldCli.ts', 'harness/check/deployed/runDeployedCheck.ts'];

/** Each SDK client package the reading code may use, and the IAM service prefix of its operations. */
const IAM_PREFIX: Record<string, string> = {
  '@aws-sdk/client-vpc-lattice': 'vpc-lattice',
  '@aws-sdk/client-iam': 'iam',
  '@aws-sdk/client-organizations': 'organizations',
  '@aws-sdk/client-sts': 'sts',
  '@aws-sdk/client-lambda': 'lambda',
};

/**
 * STS is called with the runner's own credentials, never a reader's: AssumeRole to become each
 * reader (the CI role's permission, and the reader's trust policy), GetCallerIdentity for the
 * runner's account (which needs no permission at all).
 */
export const RUNNER_OPERATIONS = new Set(['sts:AssumeRole', 'sts:GetCallerIdentity']);

export interface ReadActions {
  calls: SdkCall[];
  /** The IAM actions the readers need: every scanned operation but the runner's. */
  reader: string[];
  runner: string[];
}

/** The SDK operations the import and the drift check send, scanned from their source, as IAM actions. */
export function scanReadActions(): ReadActions {
  const files = reachableFiles(READ_ENTRIES.map((f) => join(projectRoot, f)));
  const calls = scanSdkCalls(files, projectRoot);
  const actions = calls.map((c) => {
    const prefix = IAM_PREFIX[c.client];
    if (prefix === undefined)
      throw new Error(`${c.files.join(', ')} sends ${c.operation} of ${c.client}: map the package to its IAM prefix`);
    // Every operation here is authorized by the IAM action of the same name.
    return `${prefix}:${c.operation}`;
  });
  return {
    calls,
    reader: actions.filter((a) => !RUNNER_OPERATIONS.has(a)).sort(),
    runner: actions.filter((a) => RUNNER_OPERATIONS.has(a)).sort(),
  };
}
