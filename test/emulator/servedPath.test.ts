import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { seedWorld } from '../../world';
import type { WorldSpec } from '../../world';
import { ECHO, PARKING, VPC_B_ADDRESS } from './support/localCalls';

const ECHO_ARN = 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0eeeeeeeeeeeeeee0';
const UPSTREAM = 'upstream-0aaaaaaaaaaaaaaa0.7d67968.vpc-lattice-svcs.us-east-1.on.aws';

/** Anyone may invoke the echo service, except /admin* and ?mode=admin (explicit denies). */
const echoPolicy = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: `${ECHO_ARN}/*` },
    {
      Sid: 'NoAdmin',
      Effect: 'Deny',
      Principal: '*',
      Action: 'vpc-lattice-svcs:Invoke',
      Resource: `${ECHO_ARN}/admin*`,
    },
    {
      Sid: 'NoAdminMode',
      Effect: 'Deny',
      Principal: '*',
      Action: 'vpc-lattice-svcs:Invoke',
      Resource: '*',
      Condition: { 'ForAnyValue:StringEquals': { 'vpc-lattice-svcs:RequestQueryString/mode': 'admin' } },
    },
  ],
};

let local: LocalWorld;
let upstream: Server;
let evil: Server;
const upstreamSaw: string[] = [];
const evilSaw: string[] = [];

const listen = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );

beforeAll(async () => {
  upstream = createServer((req: IncomingMessage, res) => {
    upstreamSaw.push(req.url ?? '');
    res.end('upstream');
  });
  evil = createServer((req: IncomingMessage, res) => {
    evilSaw.push(req.url ?? '');
    res.end('evil');
  });
  const upstreamPort = await listen(upstream);
  await listen(evil);
  const spec: WorldSpec = seedWorld();
  spec.serviceNetworks[0].authType = 'NONE';
  const echo = spec.services.find((s) => s.name === 'echo')!;
  echo.authType = 'AWS_IAM';
  echo.policy = echoPolicy;
  spec.services.push({
    ...echo,
    id: 'svc-0aaaaaaaaaaaaaaa0',
    name: 'upstream',
    policy: { Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] },
    target: { kind: 'upstream', url: `http://127.0.0.1:${upstreamPort}` },
  });
  local = await startLocalWorld({ spec });
});
afterAll(async () => {
  await local.close();
  upstream.close();
  evil.close();
});

/** Sends raw bytes (request line as written, no client normalisation) from VPC B; returns status and body. */
async function raw(
  target: string,
  host: string,
  options: { port?: number; headers?: string } = {},
): Promise<{ status: number; body: string }> {
  const socket = connect({
    host: '127.0.0.1',
    port: options.port ?? local.dataPlane.port,
    localAddress: VPC_B_ADDRESS,
  });
  // write, not end: the server answers, then closes (Connection: close); a half-closed socket would be dropped early.
  socket.write(`GET ${target} HTTP/1.1\r\nHost: ${host}\r\n${options.headers ?? ''}Connection: close\r\n\r\n`);
  let text = '';
  for await (const chunk of socket) text += chunk;
  const [head, ...body] = text.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), body: body.join('\r\n\r\n') };
}

describe('the data plane judges the path it serves (the one a signature covers)', () => {
  it('dot and empty segments are normalised before the policies see the path', async () => {
    expect((await raw('/orders', ECHO)).status).toBe(200);
    for (const target of ['/admin', '/x/../admin', '/./admin', '//admin', '/x/y/../../admin/', '/%61dmin']) {
      const answer = await raw(target, ECHO);
      expect(answer, target).toMatchObject({ status: 403 });
      expect(answer.body, target).toMatch(
        new RegExp(`on resource: ${ECHO_ARN}/admin/? with an explicit deny in a service-based policy$`),
      );
    }
  });

  it('an encoded dot segment or a malformed escape is refused, not served', async () => {
    for (const target of ['/x/%2e%2e/admin', '/x/%2E%2E/admin', '/%ZZ/admin']) {
      expect(await raw(target, ECHO), target).toMatchObject({
        status: 400,
        body: expect.stringMatching(/^BadRequestException: Malformed request: /),
      });
    }
  });

  it('query keys that differ only in case are one key: a Deny on one value cannot be hidden', async () => {
    expect((await raw('/orders?mode=admin&Mode=x', ECHO)).status).toBe(403);
    expect((await raw('/orders?Mode=admin&mode=x', ECHO)).status).toBe(403);
  });

  it('query and header names like constructor or __proto__ are ordinary names', async () => {
    expect((await raw('/orders?constructor=1&__proto__=2&toString=3', ECHO)).status).toBe(200);
    expect((await raw('/orders', ECHO, { headers: 'constructor: 1\r\n__proto__: 2\r\n' })).status).toBe(200);
  });

  it(
    'an upstream target receives the normalised path on its own host; a ' + 'request-target cannot pick another host',
    async () => {
      const evilPort = (evil.address() as AddressInfo).port;
      expect(await raw('/a/../b?q=1', UPSTREAM)).toMatchObject({ status: 200, body: 'upstream' });
      expect(await raw(`//127.0.0.1:${evilPort}/steal`, UPSTREAM)).toMatchObject({ status: 200, body: 'upstream' });
      expect(upstreamSaw).toEqual(['/b?q=1', `/127.0.0.1:${evilPort}/steal`]);
      expect(evilSaw).toEqual([]);
    },
  );
});

describe('routing and the listener port', () => {
  it(
    "a service's own listener routes a request for another service by its " + "Host, so that service's policies apply",
    async () => {
      const echoOwn = local.services.find((s) => s.name === 'echo')!;
      const port = Number(new URL(echoOwn.httpUrl).port);
      expect((await raw('/orders', `127.0.0.1:${port}`, { port })).status).toBe(200);
      // Parking's service policy allows only accounts B and C: an anonymous caller is refused by it.
      const parking = await raw('/orders', PARKING, { port });
      expect(parking.status).toBe(403);
      expect(parking.body).toMatch(/service\/svc-0123456789abcdef0\/orders because no service-based policy allows/);
    },
  );

  it('the shared listener does not take the port from a Host header', async () => {
    const echoed = JSON.parse((await raw('/orders', `${ECHO}:443`)).body);
    expect(echoed.headers['x-forwarded-port']).toBe('80');
    expect(echoed.target).toBe('/orders');
  });
});
