import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Decision, EvalRequest, Principal, RequestContext } from '../types';

/** One case of `test/fixtures/iam-eval/cases/*.json` (see its README). */
export interface IamEvalCase {
  id: string;
  description: string;
  policyType: 'resource' | 'identity';
  policy: unknown;
  request: {
    principal: string | null;
    action: string;
    resource: string | null;
    contextKeys: Record<string, string | number | boolean | Array<string | number | boolean>>;
  };
  expected: { decision: Decision };
}

/** `test/fixtures/iam-eval/cases` (provenance and licences in test/fixtures/iam-eval). */
export const IAM_EVAL_CASES_DIR = resolve(import.meta.dirname, '../../test/fixtures/iam-eval/cases');

export function loadIamEvalCases(dir: string = IAM_EVAL_CASES_DIR): IamEvalCase[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (files.length === 0) throw new Error(`no iam-eval case files in ${dir}`);
  return files.flatMap((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as IamEvalCase[]);
}

/** The case's request in the engine's terms. */
export function toEvalRequest(testCase: IamEvalCase): EvalRequest {
  const { principal, action, resource, contextKeys } = testCase.request;
  const context: RequestContext = {};
  for (const [key, value] of Object.entries(contextKeys)) {
    context[key] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return { principal: toPrincipal(principal), action, resource, context };
}

const SESSION = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/;

/**
 * `"anonymous"`, an IAM or STS ARN (an assumed-role session also gets its role's ARN), a
 * service name such as `ec2.amazonaws.com`, or null.
 */
export function toPrincipal(text: string | null): Principal | null {
  if (text === null) return null;
  if (text === 'anonymous') return { kind: 'anonymous' };
  if (!text.startsWith('arn:')) return { kind: 'service', name: text };
  const account = text.split(':')[4] ?? '';
  const session = SESSION.exec(text);
  if (!session) return { kind: 'aws', arn: text, account };
  return { kind: 'aws', arn: text, account, roleArn: `arn:${session[1]}:iam::${session[2]}:role/${session[3]}` };
}
