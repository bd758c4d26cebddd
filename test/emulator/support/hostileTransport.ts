import { type Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { PARKING } from './localCalls';

/** The seeded generator the hostile requests are drawn from, so a failing run can be repeated. */
export { createRandom as random, type Random } from '../../support/random';

export interface Hostile {
  kind: string;
  method: string;
  /** Path and query exactly as sent. */
  target: string;
  /** Flat raw header list, sent as is (duplicates and case kept). */
  headers: string[];
  body?: string | Buffer;
  localAddress?: string;
  /** The one documented case without an HTTP answer: a Host that names no service. */
  unreachable?: boolean;
}

export type Outcome =
  | {
      kind: 'answer';
      status: number;
      contentType: string;
      body: string;
      /** x-amzn-errortype */
      errorType?: string;
      /** x-amz-function-error (Lambda Invoke: the function failed) */
      functionError?: string;
    }
  | { kind: 'no-answer'; code: string };

export function send(port: number, agent: Agent, h: Hostile): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: h.method,
      path: h.target,
      headers: h.headers as unknown as Record<string, string>,
      agent,
      localAddress: h.localAddress,
      setHost: false,
    });
    req.setTimeout(10_000, () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ kind: 'no-answer', code: error.code ?? error.message }),
    );
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (error: NodeJS.ErrnoException) =>
        resolve({ kind: 'no-answer', code: error.code ?? 'ECONNRESET' }),
      );
      res.on('end', () =>
        resolve({
          kind: 'answer',
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type']),
          body: Buffer.concat(chunks).toString('utf8'),
          errorType: res.headers['x-amzn-errortype'] as string | undefined,
          functionError: res.headers['x-amz-function-error'] as string | undefined,
        }),
      );
    });
    req.end(h.body);
  });
}

/** Runs `count` requests built by `make`, `concurrency` at a time. */
export async function barrage(
  concurrency: number,
  count: number,
  make: (i: number) => Promise<Hostile>,
  run: (h: Hostile) => Promise<Outcome>,
  tally: (h: Hostile, o: Outcome) => void,
) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const h = await make(next++);
      tally(h, await run(h));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

export const toFlat = (headers: Record<string, string>) => Object.entries(headers).flat();

/** Bytes Node's HTTP parser refuses: each gets the service's 400 and a closed connection. */
export const RAW_GARBAGE = [
  'GARBAGE\r\n\r\n',
  'GET / HTTP/9.9\r\n\r\n',
  `GET / HTTP/1.1\r\nHost: ${PARKING}\r\nContent-Length: abc\r\n\r\n`,
  `POST / HTTP/1.1\r\nHost: ${PARKING}\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n\r\n`,
  'GET / HTTP/1.1\r\nNoColonHere\r\n\r\n',
  'G\x00T / HTTP/1.1\r\n\r\n',
  `POST / HTTP/1.1\r\nHost: ${PARKING}\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
  `GET /a b HTTP/1.1\r\nHost: ${PARKING}\r\n\r\n`,
  '\x16\x03\x01\x00\xa5\x01\r\n\r\n',
];

export function sendRaw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress: '127.0.0.11' });
    let data = '';
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('data', (d) => (data += d.toString('latin1')));
    socket.on('error', () => {});
    socket.on('close', () => resolve(data));
    socket.write(Buffer.from(bytes, 'latin1'));
  });
}
