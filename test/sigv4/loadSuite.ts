import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The SigV4 vectors, test/fixtures/sigv4-suite (provenance and licences beside them). */
export const SUITE_ROOT = path.resolve(fileURLToPath(import.meta.url), '../../fixtures/sigv4-suite');

export type SuiteFolder =
  | 'aws-c-auth/v4'
  | 'aws-c-auth/v4a'
  | 'aws-c-auth-removed/v4'
  | 'aws-c-auth-removed/v4a'
  | 'aws4_testsuite';
export const SUITE_FOLDERS: SuiteFolder[] = [
  'aws-c-auth/v4',
  'aws-c-auth/v4a',
  'aws-c-auth-removed/v4',
  'aws-c-auth-removed/v4a',
  'aws4_testsuite',
];
export type VariantKind = 'header' | 'query';

/** Shared parameters of every case (README "Shared parameters"). */
export const SUITE = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  now: new Date('2015-08-30T12:36:00Z'),
  amzDate: '20150830T123600Z',
  region: 'us-east-1',
  service: 'service',
};

export interface SuiteContext {
  credentials: { access_key_id: string; secret_access_key: string; token?: string };
  normalize: boolean;
  sign_body: boolean;
  signed_body_value?: string;
  omit_session_token?: boolean;
  region: string;
  service: string;
}

export interface SuiteVariant {
  kind: VariantKind;
  signedRequest: Buffer;
  canonicalRequest: string;
  stringToSign: string;
  /** `*-signature.txt` (aws-c-auth); aws4_testsuite's is inside `.authz`. */
  signature: string;
}

export interface SuiteCase {
  folder: SuiteFolder;
  /** Path below the folder, e.g. 'get-vanilla' or 'normalize-path/get-slash'. */
  name: string;
  sigV4a: boolean;
  context: SuiteContext;
  /** Empty when the case has no expected output. */
  variants: SuiteVariant[];
  /** SigV4A: public-key.json. */
  publicKey?: { X: string; Y: string };
}

const read = (file: string): string => readFileSync(file, 'utf8');

const loaded = new Map<SuiteFolder, readonly SuiteCase[]>();

/** Every case of a folder, read once per process (the cases are never changed by their readers). */
export function loadSuite(folder: SuiteFolder): readonly SuiteCase[] {
  let cases = loaded.get(folder);
  if (!cases) {
    cases = folder === 'aws4_testsuite' ? loadBotocoreCases() : loadAwsCAuthCases(folder);
    loaded.set(folder, cases);
  }
  return cases;
}

function loadAwsCAuthCases(folder: SuiteFolder): SuiteCase[] {
  const root = path.join(SUITE_ROOT, folder);
  return readdirSync(root)
    .sort()
    .map((name) => {
      const dir = path.join(root, name);
      const variants = (['header', 'query'] as const)
        .filter((kind) => existsSync(path.join(dir, `${kind}-signed-request.txt`)))
        .map((kind) => ({
          kind,
          signedRequest: readFileSync(path.join(dir, `${kind}-signed-request.txt`)),
          canonicalRequest: read(path.join(dir, `${kind}-canonical-request.txt`)),
          stringToSign: read(path.join(dir, `${kind}-string-to-sign.txt`)),
          signature: read(path.join(dir, `${kind}-signature.txt`)).trim(),
        }));
      const keyFile = path.join(dir, 'public-key.json');
      return {
        folder,
        name,
        sigV4a: folder.endsWith('v4a'),
        context: JSON.parse(read(path.join(dir, 'context.json'))) as SuiteContext,
        variants,
        publicKey: existsSync(keyFile) ? (JSON.parse(read(keyFile)) as { X: string; Y: string }) : undefined,
      };
    });
}

/**
 * botocore's copy: `<dir>/<name>.{req,creq,sts,authz,sreq}`, some one level deeper; context is the shared
 * parameters.
 */
function loadBotocoreCases(): SuiteCase[] {
  const root = path.join(SUITE_ROOT, 'aws4_testsuite');
  const cases: SuiteCase[] = [];
  const visit = (relative: string): void => {
    const dir = path.join(root, relative);
    const base = path.basename(relative);
    if (existsSync(path.join(dir, `${base}.req`))) {
      const request = read(path.join(dir, `${base}.sreq`));
      const token = /^X-Amz-Security-Token:(.*)$/im.exec(request)?.[1]?.trim();
      cases.push({
        folder: 'aws4_testsuite',
        name: relative,
        sigV4a: false,
        context: {
          credentials: {
            access_key_id: SUITE.accessKeyId,
            secret_access_key: SUITE.secretAccessKey,
            ...(token ? { token } : {}),
          },
          normalize: true,
          sign_body: false,
          region: SUITE.region,
          service: SUITE.service,
        },
        variants: [
          {
            kind: 'header',
            signedRequest: readFileSync(path.join(dir, `${base}.sreq`)),
            canonicalRequest: read(path.join(dir, `${base}.creq`)),
            stringToSign: read(path.join(dir, `${base}.sts`)),
            signature: /Signature=([0-9a-f]+)/.exec(read(path.join(dir, `${base}.authz`)))![1]!,
          },
        ],
      });
      return;
    }
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) visit(relative ? `${relative}/${entry.name}` : entry.name);
    }
  };
  visit('');
  return cases.sort((a, b) => a.name.localeCompare(b.name));
}
