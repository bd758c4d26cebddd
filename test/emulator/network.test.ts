import { X509Certificate } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { assume, ECHO, INVOKER_B, invoke, PARKING, PARKING_ARN } from './support/localCalls';

let local: LocalWorld;
const serviceNamed = (name: string) => local.services.find((s) => s.name === name)!;
const listener = (url: string) => ({ address: new URL(url).hostname, port: Number(new URL(url).port) });

beforeAll(async () => {
  local = await startLocalWorld();
});
afterAll(() => local.close());

describe('listeners', () => {
  it('describes every service with its name, domain, ARN and own loopback URLs', () => {
    expect(local.services.map((s) => s.name)).toEqual(['parking', 'echo', 'billing']);
    expect(serviceNamed('parking')).toEqual({
      name: 'parking',
      domain: PARKING,
      arn: PARKING_ARN,
      httpUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      httpsUrl: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/),
    });
    expect(local.controlPlaneEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(local.https).toEqual({ address: '127.0.0.1', port: expect.any(Number) });
  });

  it(
    "routes a service's own listener to it whatever the Host; the signature " + 'covers the Host that was sent',
    async () => {
      const credentials = await assume(local, INVOKER_B);
      const { httpUrl, httpsUrl } = serviceNamed('parking');
      for (const url of [httpUrl, httpsUrl]) {
        const { host, protocol } = new URL(url);
        const answer = await invoke(local, credentials, {
          host,
          protocol: protocol as 'http:' | 'https:',
          connectTo: listener(url),
        });
        expect(answer).toMatchObject({ kind: 'response', status: 200, body: '"Lattice Success!"' });
        // Signed for the service's domain but sent with the loopback Host: the signature does not match.
        const mismatch = await invoke(local, credentials, {
          host: PARKING,
          protocol: protocol as 'http:' | 'https:',
          connectTo: listener(url),
          tamper: (r) => (r.headers.host = host),
        });
        expect(mismatch).toMatchObject({
          status: 403,
          body: expect.stringMatching(/^InvalidSignatureException: The request signature we calculated/),
        });
      }
    },
  );

  it("answers any HTTP client as is: fetch against a service URL gets Lattice's denial for anonymous", async () => {
    const answer = await fetch(`${serviceNamed('parking').httpUrl}/spots?level=2`);
    expect(answer.status).toBe(403);
    expect(await answer.text()).toBe(
      `AccessDeniedException: User: anonymous is not authorized to perform: ` +
        `vpc-lattice-svcs:Invoke on resource: ${PARKING_ARN}/spots because no ` +
        `network-based policy allows the vpc-lattice-svcs:Invoke action`,
    );
  });

  it('serves the Lattice domain names over HTTPS on the shared listener, routed by Host', async () => {
    const credentials = await assume(local, INVOKER_B);
    const answer = await invoke(local, credentials, { protocol: 'https:' });
    expect(answer).toMatchObject({ kind: 'response', status: 200, body: '"Lattice Success!"' });
    const echo = await invoke(local, credentials, { protocol: 'https:', host: ECHO });
    expect(echo).toMatchObject({ status: 200 });
    if (echo.kind === 'response') expect(JSON.parse(echo.body).headers['x-forwarded-proto']).toBe('https');
  });

  it("decides the source VPC by the connection's address on every listener", async () => {
    const credentials = await assume(local, INVOKER_B);
    const { httpUrl } = serviceNamed('echo');
    const host = new URL(httpUrl).host;
    // 127.0.0.14 is consumer B's VPC that is not associated with the network: no HTTP answer.
    expect(
      await invoke(local, credentials, { host, connectTo: listener(httpUrl), localAddress: '127.0.0.14' }),
    ).toMatchObject({ kind: 'no-response' });
    // An address no VPC owns is the runner's VPC (tooling account).
    const runner = await invoke(local, credentials, { host, connectTo: listener(httpUrl), localAddress: '127.0.0.99' });
    expect(runner).toMatchObject({ status: 200 });
    if (runner.kind === 'response') {
      expect(JSON.parse(runner.body).headers['x-amzn-lattice-network']).toBe(
        'SourceVpcArn=arn:aws:ec2:us-east-1:333333333333:vpc/vpc-0707070707070707a',
      );
    }
  });
});

describe('certificates', () => {
  it('a CA made at start signs a server certificate for the service domains, 127.0.0.1 and localhost', async () => {
    const ca = new X509Certificate(local.caCertPem);
    expect(ca.ca).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
    const leaf = await presentedCertificate();
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.ca).toBe(false);
    for (const s of local.services) expect(leaf.checkHost(s.domain)).toBe(s.domain);
    expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(leaf.checkHost('localhost')).toBe('localhost');
    expect(leaf.checkHost('example.com')).toBeUndefined();
  });

  it('is refused by a client that does not trust the local CA', async () => {
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => {
      const req = httpsRequest({
        host: local.https.address,
        port: local.https.port,
        servername: PARKING,
        headers: { host: PARKING },
        agent: false,
      });
      req.on('error', resolve);
      req.on('response', () => resolve(new Error('answered') as NodeJS.ErrnoException));
      req.end();
    });
    expect(error.code).toMatch(
      /SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/,
    );
  });
});

/** The certificate the shared HTTPS listener presents for the parking domain (verified against the local CA). */
function presentedCertificate(): Promise<X509Certificate> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest({
      host: local.https.address,
      port: local.https.port,
      servername: PARKING,
      headers: { host: PARKING },
      ca: local.caCertPem,
      agent: false,
    });
    req.on('response', (res) => {
      resolve(new X509Certificate((res.socket as TLSSocket).getPeerCertificate().raw));
      res.resume();
    });
    req.on('error', reject);
    req.end();
  });
}
