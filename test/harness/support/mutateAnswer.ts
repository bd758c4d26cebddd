import type { PlannedCall } from '../../../harness/resolve/types';
import type { HttpAnswer } from '../../../harness/send/sendRequest';
import type { Random } from '../../support/random';
import { oraclePrincipal, oracleResources } from './oracleVerdict';

/** What a mutation may read: the call the answer is for, and the other calls to borrow from. */
export interface MutationContext {
  call: PlannedCall;
  calls: readonly PlannedCall[];
}

type Mutation = (rng: Random, answer: HttpAnswer, context: MutationContext) => void;

/** Characters a mutation inserts or replaces with: printable ASCII, controls, invisibles and look-alikes. */
const ODD = ' \n\r\t\0\u00a0\u200b\u200c\u200d\u2060\ufeff\u202e\u0430\u0435\u043e\u0455\uff41\uff21:/-_.`"\'';
const PRINTABLE = ' !"#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{|}~';
const charOf = (rng: Random) => (rng.chance(0.5) ? rng.pick([...ODD]) : rng.pick([...PRINTABLE]));

const LAYER_WORDS = [
  'network-based policy',
  'service-based policy',
  'identity-based policy',
  'resource-based policy',
  'service control policy',
  'resource control policy',
  'permissions boundary',
  'session policy',
  'network-based',
  'Network',
];
const CYRILLIC: Record<string, string> = { a: '\u0430', e: '\u0435', o: '\u043e', c: '\u0441', p: '\u0440' };
const STATUSES = [200, 204, 400, 401, 403, 404, 429, 500, 502, 503];
const ACTIONS = ['vpc-lattice-svcs:Connect', 'sts:AssumeRole', 'vpc-lattice:GetService', 'vpc-lattice-svcs:invoke'];

/** Replaces one occurrence (a random one) of `what` in `text`, or returns the text unchanged. */
function replaceOne(rng: Random, text: string, what: string, by: string): string {
  const at: number[] = [];
  for (let i = text.indexOf(what); i !== -1; i = text.indexOf(what, i + 1)) at.push(i);
  if (at.length === 0) return text;
  const i = rng.pick(at);
  return text.slice(0, i) + by + text.slice(i + what.length);
}

const at = (rng: Random, text: string) => rng.int(text.length + 1);

/** Every mutation, by name: the names are what a failure reports. */
export const MUTATIONS: Record<string, Mutation> = {
  'delete a character': (rng, a) => {
    const i = rng.int(a.body.length);
    a.body = a.body.slice(0, i) + a.body.slice(i + 1);
  },
  'insert a character': (rng, a) => {
    const i = at(rng, a.body);
    a.body = a.body.slice(0, i) + charOf(rng) + a.body.slice(i);
  },
  'replace a character': (rng, a) => {
    const i = rng.int(a.body.length);
    a.body = a.body.slice(0, i) + charOf(rng) + a.body.slice(i + 1);
  },
  truncate: (rng, a) => {
    a.body = a.body.slice(0, rng.chance(0.5) ? rng.int(a.body.length) : a.body.length - 1 - rng.int(4));
  },
  'duplicate a segment': (rng, a) => {
    const i = rng.int(a.body.length);
    const j = i + 1 + rng.int(Math.min(40, a.body.length - i));
    a.body = a.body.slice(0, j) + a.body.slice(i, j) + a.body.slice(j);
  },
  "change a word's case": (rng, a) => {
    const words = [...a.body.matchAll(/[^\s:/]+/g)];
    if (words.length === 0) return;
    const w = rng.pick(words);
    const word = w[0];
    const changed = rng.pick([
      word.toUpperCase(),
      word.toLowerCase(),
      word[0]!.toUpperCase() + word.slice(1),
      word[0]!.toLowerCase() + word.slice(1),
    ]);
    a.body = a.body.slice(0, w.index) + changed + a.body.slice(w.index + word.length);
  },
  'swap the layer word': (rng, a) => {
    const present = LAYER_WORDS.filter((w) => a.body.includes(w));
    if (present.length === 0) return;
    a.body = replaceOne(rng, a.body, rng.pick(present), rng.pick(LAYER_WORDS));
  },
  'swap explicit and implicit': (_rng, a) => {
    a.body = a.body
      .replace(/because no (.*) allows the vpc-lattice-svcs:Invoke action$/, 'with an explicit deny in a $1')
      .replace(/with an explicit deny in an? (.*)$/, 'because no $1 allows the vpc-lattice-svcs:Invoke action');
  },
  "swap the principal for another call's": (rng, a, { call, calls }) => {
    a.body = replaceOne(rng, a.body, oraclePrincipal(call), oraclePrincipal(rng.pick(calls)));
  },
  "swap the resource for another call's": (rng, a, { call, calls }) => {
    const mine = oracleResources(call).filter((r) => a.body.includes(r));
    if (mine.length > 0) a.body = replaceOne(rng, a.body, rng.pick(mine), rng.pick(oracleResources(rng.pick(calls))));
  },
  'use the other form of the path': (rng, a, { call }) => {
    const [decoded, encoded = decoded] = oracleResources(call);
    a.body = rng.chance(0.5) ? replaceOne(rng, a.body, decoded!, encoded) : replaceOne(rng, a.body, encoded, decoded!);
  },
  'append the query to the resource': (_rng, a, { call }) => {
    const [resource] = oracleResources(call);
    a.body = a.body.replace(`${resource} `, `${resource}?a=1 `);
  },
  'change the account digits': (rng, a) => {
    const accounts = [...a.body.matchAll(/\d{12}/g)];
    if (accounts.length === 0) return;
    const m = rng.pick(accounts);
    const digits = rng.chance(0.5)
      ? rng.pick(['111111111111', '222222222222', '444444444444'])
      : rng.text(12, '0123456789');
    a.body = a.body.slice(0, m.index) + digits + a.body.slice(m.index + 12);
  },
  'assumed-role to role': (rng, a) => {
    a.body = replaceOne(rng, a.body, 'assumed-role/', rng.pick(['role/', 'assumed-role/team/', 'federated-user/']));
  },
  'change the action': (rng, a) => {
    a.body = replaceOne(rng, a.body, 'vpc-lattice-svcs:Invoke', rng.pick(ACTIONS));
  },
  'change the error code': (rng, a) => {
    const code = rng.pick(['AccessDenied: ', 'AccessDeniedException:', 'accessDeniedException: ', 'Forbidden: ', '']);
    a.body = a.body.replace(/^AccessDeniedException: /, code);
  },
  'add a trailing newline': (rng, a) => {
    a.body += rng.pick(['\n', '\r\n', '\r', '\n\n']);
  },
  'remove a trailing newline': (_rng, a) => {
    a.body = a.body.replace(/\r?\n$/, '');
  },
  'surround with whitespace': (rng, a) => {
    const ws = () => rng.pick(['', ' ', '\t', '\n', '  ', '\u00a0']);
    a.body = ws() + a.body + ws();
  },
  'prepend a BOM or a zero-width character': (rng, a) => {
    const invisible = rng.pick(['\ufeff', '\u200b', '\u200d', '\u2060']);
    const i = rng.chance(0.5) ? 0 : at(rng, a.body);
    a.body = a.body.slice(0, i) + invisible + a.body.slice(i);
  },
  'use Unicode look-alikes': (rng, a) => {
    const candidates = [...a.body.matchAll(/[aeocp]|[A-Za-z]/g)];
    if (candidates.length === 0) return;
    for (let n = 1 + rng.int(3); n > 0; n--) {
      const m = rng.pick(candidates);
      const ch = m[0];
      const look = CYRILLIC[ch] && rng.chance(0.6) ? CYRILLIC[ch] : String.fromCharCode(ch.charCodeAt(0) + 0xfee0);
      a.body = a.body.slice(0, m.index) + look + a.body.slice(m.index + 1);
    }
  },
  'wrap in JSON': (rng, a) => {
    const key = rng.pick(['message', 'Message', 'errorMessage']);
    const extra = rng.chance(0.5) ? { __type: 'AccessDeniedException' } : {};
    a.body = JSON.stringify({ ...extra, [key]: a.body });
  },
  'wrap in XML': (_rng, a) => {
    a.body =
      '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDeniedException</Code>' +
      `<Message>${a.body}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`;
  },
  'change the status': (rng, a) => {
    a.status = rng.pick(STATUSES);
  },
  'add a header': (rng, a) => {
    const [name, value] = rng.pick([
      ['x-amzn-errortype', 'AccessDeniedException'],
      ['x-amzn-errortype', 'AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/'],
      ['content-type', 'application/json'],
      ['content-type', 'text/html; charset=utf-8'],
      ['content-type', 'text/plain'],
      ['server', 'awselb/2.0'],
    ] as const);
    a.headers = { ...a.headers, [name]: value };
  },
  'empty the body': (_rng, a) => {
    a.body = '';
  },
  'mark it truncated': (_rng, a) => {
    a.truncated = true;
  },
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** Applies `count` random mutations to `answer` in place; returns their names, in order. */
export function mutateAnswer(rng: Random, answer: HttpAnswer, context: MutationContext, count: number): string[] {
  const applied: string[] = [];
  for (let n = 0; n < count; n++) {
    const name = rng.pick(MUTATION_NAMES);
    MUTATIONS[name]!(rng, answer, context);
    applied.push(name);
  }
  return applied;
}
