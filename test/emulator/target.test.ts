import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { seedWorld } from '../../world';
import { assume, ECHO, INVOKER_B, invoke, NETWORK_ARN } from './support/localCalls';

const ECHO_ARN = 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0eeeeeeeeeeeeeee0';
const ECHO_TG = 'arn:aws:vpc-lattice:us-east-1:111111111111:targetgroup/tg-0eeeeeeeeeeeeeee0';
const VPC_B_ARN = 'arn:aws:ec2:us-east-1:222222222222:vpc/vpc-0b0b0b0b0b0b0b0b0';
/** Copies of Lattice's own headers a caller might send to impersonate someone. */
const SPOOFED = {
  'x-amzn-lattice-identity': 'Principal=arn:aws:iam::999999999999:root; Type=AWS_IAM',
  'x-amzn-lattice-network': 'SourceVpcArn=arn:aws:ec2:us-east-1:999999999999:vpc/vpc-evil',
  'x-amzn-lattice-target': 'ServiceArn=evil',
  'x-forwarded-for': '203.0.113.7',
  'x-forwarded-port': '1',
  'x-forwarded-proto': 'gopher',
};

interface Echoed {
  method: string;
  target: string;
  headers: Record<string, string>;
  body: string;
}

/** Starts `upstream` on loopback and a seed world whose second service forwards to it. */
async function worldForwardingTo(upstream: NetServer): Promise<LocalWorld> {
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const spec = seedWorld();
  spec.services[1] = {
    ...spec.services[1],
    target: { kind: 'upstream', url: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}` },
  };
  return startLocalWorld({ spec });
}

describe('the echo target', () => {
  let local: LocalWorld;
  beforeAll(async () => {
    local = await startLocalWorld();
  });
  afterAll(() => local.close());

  it("receives an allowed request with Lattice's headers, the caller's copies stripped", async () => {
    const credentials = await assume(local, INVOKER_B, 'echo-test');
    const answer = await invoke(local, credentials, {
      host: ECHO,
      method: 'POST',
      path: '/orders?id=7',
      headers: { 'x-team': 'b', ...SPOOFED },
      body: '{"n":1}',
    });
    expect(answer).toMatchObject({ kind: 'response', status: 200 });
    if (answer.kind !== 'response') return;
    const echoed = JSON.parse(answer.body) as Echoed;
    expect(echoed).toMatchObject({ method: 'POST', target: '/orders?id=7', body: '{"n":1}' });
    expect(echoed.headers).toMatchObject({
      'x-amzn-lattice-identity':
        'Principal=arn:aws:sts::222222222222:assumed-role/lattice-invoker/echo-test; ' +
        'PrincipalOrgID=o-a1b2c3d4e5; SessionName=echo-test; Type=AWS_IAM',
      'x-amzn-lattice-network': `SourceVpcArn=${VPC_B_ARN}`,
      'x-amzn-lattice-target': `ServiceArn=${ECHO_ARN}; ServiceNetworkArn=${NETWORK_ARN}; TargetGroupArn=${ECHO_TG}`,
      'x-forwarded-for': '127.0.0.11',
      // The port the caller addressed (the Host header has none: http's 80), not the loopback listener's.
      'x-forwarded-port': '80',
      'x-forwarded-proto': 'http',
      'x-team': 'b',
      host: ECHO,
    });
    // Each Lattice header appears once: the caller's copy is gone, not merely shadowed.
    const names = Object.keys(echoed.headers);
    for (const name of Object.keys(SPOOFED)) expect(names.filter((n) => n === name)).toHaveLength(1);
  });
});

describe('an anonymous caller where the network allows everyone', () => {
  let local: LocalWorld;
  beforeAll(async () => {
    const spec = seedWorld();
    spec.serviceNetworks[0] = { ...spec.serviceNetworks[0], authType: 'NONE' };
    local = await startLocalWorld({ spec });
  });
  afterAll(() => local.close());

  it('reaches the target as Type=Anonymous, with spoofed headers stripped', async () => {
    const answer = await invoke(local, undefined, { host: ECHO, headers: SPOOFED });
    expect(answer).toMatchObject({ kind: 'response', status: 200 });
    if (answer.kind !== 'response') return;
    const echoed = JSON.parse(answer.body) as Echoed;
    expect(echoed.headers['x-amzn-lattice-identity']).toBe('Type=Anonymous');
    expect(echoed.headers['x-forwarded-for']).toBe('127.0.0.11');
    expect(echoed.headers['x-amzn-lattice-network']).toBe(`SourceVpcArn=${VPC_B_ARN}`);
  });
});

describe('an upstream target', () => {
  let local: LocalWorld;
  let upstream: Server;
  const seen: { method?: string; url?: string; headers: IncomingHttpHeaders; rawHeaders: string[]; body: string }[] =
    [];

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({
          method: req.method,
          url: req.url,
          headers: req.headers,
          rawHeaders: req.rawHeaders,
          body: Buffer.concat(chunks).toString(),
        });
        res.writeHead(req.url?.startsWith('/teapot') ? 418 : 201, { 'content-type': 'application/x-upstream' });
        res.end(`upstream saw ${req.method} ${req.url}`);
      });
    });
    local = await worldForwardingTo(upstream);
  });
  afterAll(async () => {
    await local.close();
    await new Promise((resolve) => upstream.close(resolve));
  });

  it("gets the request with Lattice's headers and answers through the data plane", async () => {
    const credentials = await assume(local, INVOKER_B, 'upstream');
    const answer = await invoke(local, credentials, {
      host: ECHO,
      method: 'PUT',
      path: '/spots/9?x=1',
      headers: SPOOFED,
      body: 'hello',
    });
    expect(answer).toMatchObject({
      kind: 'response',
      status: 201,
      body: 'upstream saw PUT /spots/9?x=1',
      headers: { 'content-type': 'application/x-upstream' },
    });
    const got = seen.at(-1)!;
    expect(got).toMatchObject({ method: 'PUT', url: '/spots/9?x=1', body: 'hello' });
    expect(got.headers).toMatchObject({
      host: ECHO,
      'x-amzn-lattice-identity':
        'Principal=arn:aws:sts::222222222222:assumed-role/lattice-invoker/upstream; ' +
        'PrincipalOrgID=o-a1b2c3d4e5; SessionName=upstream; Type=AWS_IAM',
      'x-amzn-lattice-network': `SourceVpcArn=${VPC_B_ARN}`,
      'x-forwarded-for': '127.0.0.11',
      'x-forwarded-proto': 'http',
    });
    const latticeNames = got.rawHeaders
      .filter((_, i) => i % 2 === 0)
      .map((n) => n.toLowerCase())
      .filter((n) => n in SPOOFED);
    expect(latticeNames.sort()).toEqual(Object.keys(SPOOFED).sort());
    // Nothing the emulator's own HTTP client would add on its own.
    expect(got.headers['user-agent']).toBeUndefined();
    expect(await invoke(local, credentials, { host: ECHO, path: '/teapot' })).toMatchObject({ status: 418 });
  });

  it('answers 503 when the upstream does not answer', async () => {
    const credentials = await assume(local, INVOKER_B, 'upstream');
    await new Promise((resolve) => upstream.close(resolve));
    const answer = await invoke(local, credentials, { host: ECHO });
    expect(answer).toMatchObject({
      status: 503,
      body: 'ServiceUnavailableException: The target did not answer (ECONNREFUSED)',
    });
  });
});

describe('an upstream target that resets a kept-alive connection', () => {
  let local: LocalWorld;
  let upstream: NetServer;
  let connections = 0;
  beforeAll(async () => {
    // Answers the first request of each connection (keep-alive), then resets the connection
    // when a second request arrives on it, as a target closing an idle connection does.
    upstream = createNetServer((socket) => {
      connections++;
      let requests = 0;
      socket.on('data', (data: Buffer) => {
        if (!data.includes('\r\n\r\n')) return;
        if (++requests > 1) return socket.resetAndDestroy();
        socket.write(
          'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok',
        );
      });
    });
    local = await worldForwardingTo(upstream);
  });
  afterAll(async () => {
    await local.close();
    await new Promise((resolve) => upstream.close(resolve));
  });

  it('sends the request again on a new connection instead of answering 503', async () => {
    const credentials = await assume(local, INVOKER_B, 'upstream-reset');
    for (let i = 0; i < 3; i++) {
      const answer = await invoke(local, credentials, { host: ECHO, method: 'POST', body: 'x' });
      expect(answer).toMatchObject({ status: 200, body: 'ok' });
    }
    // The first request opened a connection; each later one found it reset and opened another.
    expect(connections).toBe(3);
  });
});
