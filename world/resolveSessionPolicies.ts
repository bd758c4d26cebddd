import { managedPolicyArn } from './arns';
import type { Fields } from './Fields';
import { readPolicyRef } from './readPolicyRef';
import type { ManagedPolicySpec } from './types';

const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
/**
 * AssumeRole's `Policy`: "The plaintext that you use for both inline and managed session policies
 * can't exceed 2,048 characters."
 */
export const SESSION_POLICY_MAX_LENGTH = 2048;
/** AssumeRole's `PolicyArns`: "You can provide up to 10 managed policy ARNs." */
export const SESSION_POLICY_ARNS_MAX = 10;

/** A world file's `managedPolicies`: each validated as an identity policy; `arns` maps key and ARN to the ARN. */
export function resolveManagedPolicies(
  f: Fields,
  value: unknown,
  accountIds: ReadonlyMap<string, string>,
  files: Map<unknown, string>,
): { specs: ManagedPolicySpec[]; arns: Map<string, string> } {
  const specs: ManagedPolicySpec[] = [];
  const arns = new Map<string, string>();
  if (value === undefined) return { specs, arns };
  for (const [key, entry] of Object.entries(f.object(value, 'managedPolicies'))) {
    const field = `managedPolicies.${key}`;
    const m = f.object(entry, field);
    f.known(m, field, ['account', 'name', 'document']);
    const accountName = f.string(m.account, `${field}.account`);
    const account = accountIds.get(accountName);
    if (account === undefined) {
      f.fail(`${field}.account`, `unknown account "${accountName}" (known: ${[...accountIds.keys()].join(', ')})`);
    }
    const name = m.name === undefined ? key : f.string(m.name, `${field}.name`);
    if (!POLICY_NAME.test(name)) {
      f.fail(`${field}.name`, 'IAM policy names are 1 to 128 of letters, digits and +=,.@_-');
    }
    if (m.document === undefined) f.fail(`${field}.document`, 'is missing');
    const document = readPolicyRef(m.document, `${field}.document`, 'identity', f, files);
    const arn = managedPolicyArn(account, name);
    if ([...arns.values()].includes(arn)) f.fail(field, `policy ${arn} is declared twice`);
    arns.set(key, arn);
    arns.set(arn, arn);
    specs.push({ name, account, document });
  }
  return { specs, arns };
}

/** A role caller's `sessionPolicy` (inline) and `sessionPolicyArns` (names or ARNs of `managedPolicies`). */
export function resolveSessionPolicies(
  f: Fields,
  c: Record<string, unknown>,
  field: string,
  arns: ReadonlyMap<string, string>,
  files: Map<unknown, string>,
): { sessionPolicy?: unknown; sessionPolicyArns?: string[] } {
  const out: { sessionPolicy?: unknown; sessionPolicyArns?: string[] } = {};
  if (c.sessionPolicy !== undefined) {
    const document = readPolicyRef(c.sessionPolicy, `${field}.sessionPolicy`, 'identity', f, files);
    const length = JSON.stringify(document).length;
    if (length > SESSION_POLICY_MAX_LENGTH) {
      const limit = SESSION_POLICY_MAX_LENGTH;
      f.fail(`${field}.sessionPolicy`, `is ${length} characters as JSON; STS takes at most ${limit}`);
    }
    out.sessionPolicy = document;
  }
  if (c.sessionPolicyArns !== undefined) {
    const at = `${field}.sessionPolicyArns`;
    if (!Array.isArray(c.sessionPolicyArns)) f.fail(at, 'must be a list of names (or ARNs) of managedPolicies');
    if (c.sessionPolicyArns.length > SESSION_POLICY_ARNS_MAX) {
      f.fail(at, `STS takes at most ${SESSION_POLICY_ARNS_MAX}`);
    }
    out.sessionPolicyArns = c.sessionPolicyArns.map((v, i) => {
      const name = f.string(v, `${at}[${i}]`);
      const arn = arns.get(name);
      if (arn === undefined) {
        const known = [...arns.keys()].filter((k) => !k.startsWith('arn:')).join(', ') || 'none';
        f.fail(`${at}[${i}]`, `"${name}" is no policy of managedPolicies (known: ${known})`);
      }
      return arn;
    });
  }
  return out;
}
