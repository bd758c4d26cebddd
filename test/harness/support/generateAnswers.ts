import type { Layer } from '../../../harness/config/types';
import type { PlannedCall } from '../../../harness/resolve/types';
import type { HttpAnswer, SendResult } from '../../../harness/send/sendRequest';
import type { Random } from '../../support/random';
import { mutateAnswer } from './mutateAnswer';
import { genuineDenials, oraclePrincipal, oracleResources } from './oracleVerdict';

/** One answer for one call: where it started (`origin`) and the mutations applied since, in order. */
export interface GeneratedAnswer {
  call: PlannedCall;
  answer: SendResult;
  origin: string;
  mutations: string[];
}

const LAYERS: Layer[] = ['network', 'service', 'identity', 'organization', 'boundary', 'session'];
const SUCCESS = '"Lattice Success!"';
const NO_ANSWER_CODES = ['ETIMEDOUT', 'ECONNRESET', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE'];

const NGINX_403 =
  '<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n' +
  '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const CLOUDFRONT_403 =
  '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN"><HTML><HEAD><TITLE>ERROR: The request could not ' +
  'be satisfied</TITLE></HEAD><BODY><H1>403 ERROR</H1><H2>The request could not be satisfied.</H2></BODY></HTML>';

/** Answers that are not Lattice's denial of this call, whatever they look like: [status, body, origin]. */
function otherAnswers(call: PlannedCall): [number, string, string][] {
  const principal = oraclePrincipal(call);
  const [resource] = oracleResources(call);
  const head = (action: string, on: string) =>
    `User: ${principal} is not authorized to perform: ${action} on resource: ${on}`;
  const role = 'arn:aws:iam::111111111111:role/lattice-target';
  const lambda = 'arn:aws:lambda:us-east-1:111111111111:function:f';
  return [
    [403, 'InvalidSignatureException: Signed payloads are not supported', 'signature: signed payload'],
    [
      403,
      "IncompleteSignatureException: 'x-amz-security-token' is named as a SignedHeader, but it does not exist in the " +
        'HTTP request.',
      'signature: missing token',
    ],
    [403, "IncompleteSignatureException: Missing the 'x-amz-content-sha256' in canonical headers.", 'signature: sha'],
    [
      403,
      'InvalidSignatureException: The request signature we calculated does not match the signature you provided. ' +
        'Check your AWS Secret Access Key and signing method.',
      'signature: mismatch',
    ],
    [403, 'ExpiredTokenException: The security token included in the request is expired', 'signature: expired'],
    [403, 'UnrecognizedClientException: The security token included in the request is invalid.', 'signature: token'],
    [403, 'Forbidden', 'Forbidden'],
    [403, 'Access Denied', 'Access Denied'],
    [403, '{"message":"Forbidden"}', 'API Gateway Forbidden'],
    [403, NGINX_403, 'nginx 403 page'],
    [403, CLOUDFRONT_403, 'CloudFront 403 page'],
    [403, 'AccessDeniedException', 'bare code'],
    [403, 'AccessDeniedException: ', 'code with an empty message'],
    [403, `AccessDeniedException: ${head('vpc-lattice-svcs:Invoke', resource!)}`, 'Invoke denial without a tail'],
    [
      403,
      `AccessDeniedException: ${head('vpc-lattice-svcs:Invoke', resource!)} because no resource-based policy allows ` +
        'the vpc-lattice-svcs:Invoke action',
      'Invoke denial by a resource-based policy',
    ],
    [
      403,
      `AccessDeniedException: ${head('vpc-lattice-svcs:Connect', resource!)} because no network-based policy allows ` +
        'the vpc-lattice-svcs:Connect action',
      'Connect denial',
    ],
    [403, `AccessDeniedException: ${head('sts:AssumeRole', role)}`, 'AssumeRole denial, Lattice-shaped'],
    [
      403,
      '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied' +
        `</Code><Message>${head('sts:AssumeRole', role)}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`,
      'STS AssumeRole denial',
    ],
    [
      403,
      `{"Type":"User","message":"${head('lambda:InvokeFunction', lambda)} because no resource-based policy ` +
        'allows the lambda:InvokeFunction action"}',
      'Lambda Invoke denial',
    ],
    [
      403,
      `${head('vpc-lattice-svcs:Invoke', resource!)} because no network-based policy allows the ` +
        'vpc-lattice-svcs:Invoke action',
      'denial without its code',
    ],
    [404, 'NotFoundException: Not Found', 'not found'],
    [429, 'ThrottlingException: Rate exceeded', 'throttled'],
    [500, 'InternalFailure: An internal error occurred', 'internal failure'],
    [502, 'Bad Gateway', 'bad gateway'],
    [503, 'ServiceUnavailableException: Service Unavailable', 'unavailable'],
    [504, '', 'gateway timeout'],
    [400, 'ValidationException: Invalid request', 'validation'],
  ];
}

const response = (status: number, body: string, headers: HttpAnswer['headers'] = {}): HttpAnswer => ({
  kind: 'response',
  status,
  headers,
  body,
  truncated: false,
});

/**
 * `count` answers: genuine denials (of the call, or of another call), genuine successes and other answers, each
 * then mutated 0 to 3 times; and answers that never came (timeouts, resets, refusals), some of them carrying a
 * genuine denial's text as their message.
 */
export function generateAnswers(rng: Random, calls: readonly PlannedCall[], count: number): GeneratedAnswer[] {
  const out: GeneratedAnswer[] = [];
  for (let n = 0; n < count; n++) {
    const call = rng.pick(calls);
    const roll = rng.next();
    if (roll < 0.04) {
      const code = rng.pick(NO_ANSWER_CODES);
      const message = rng.chance(0.5) ? rng.pick(genuineDenials(call, rng.pick(LAYERS))) : `connect ${code}`;
      out.push({ call, answer: { kind: 'no-response', code, message }, origin: `no answer (${code})`, mutations: [] });
      continue;
    }
    let answer: HttpAnswer;
    let origin: string;
    if (roll < 0.55) {
      const layer = rng.pick(LAYERS);
      answer = response(
        403,
        rng.pick(genuineDenials(call, layer)),
        rng.chance(0.5) ? {} : { 'content-type': 'text/plain' },
      );
      origin = `genuine ${layer} denial`;
    } else if (roll < 0.65) {
      const other = rng.pick(calls);
      const layer = rng.pick(LAYERS);
      answer = response(403, rng.pick(genuineDenials(other, layer)));
      origin = `genuine ${layer} denial of ${other.name}`;
    } else if (roll < 0.75) {
      answer = response(200, SUCCESS, { 'content-type': 'text/plain' });
      origin = 'genuine success';
    } else {
      const [status, body, name] = rng.pick(otherAnswers(call));
      answer = response(status, body);
      origin = name;
    }
    const mutations = mutateAnswer(rng, answer, { call, calls }, rng.int(4));
    out.push({ call, answer, origin, mutations });
  }
  return out;
}
