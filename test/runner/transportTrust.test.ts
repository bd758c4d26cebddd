import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { connect, createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalPki } from '../../emulator/tls/createLocalPki';
import { createTransport } from '../../harness/send/Transport';

// The transport's TLS context trusts the extra CA given, on top of the roots, and nothing else. The server
// sends its CA after its certificate: an untrusted one is a self-signed certificate in the chain.
const ours = createLocalPki(['svc.local']);
const other = createLocalPki(['svc.local']);

let server: Server;
beforeAll(async () => {
  server = createServer({ key: ours.serverKeyPem, cert: ours.serverCertPem }, (_req, res) => res.end('ok'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** A TLS handshake with the test server as svc.local: 'trusted', or the verification error's code. */
function handshake(secureContext: SecureContext): Promise<string> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'svc.local', secureContext }, () => {
      socket.destroy();
      resolve('trusted');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('the transport TLS context', () => {
  it("verifies a server whose certificate the extra CA issued, and refuses another CA's", async () => {
    expect(await handshake(createTransport(ours.caCertPem).secureContext)).toBe('trusted');
    expect(await handshake(createTransport(other.caCertPem).secureContext)).toBe('SELF_SIGNED_CERT_IN_CHAIN');
    expect(await handshake(createTransport().secureContext)).toBe('SELF_SIGNED_CERT_IN_CHAIN');
  });

  it('decides as the documented way does: the roots given again with the extra CA', async () => {
    const documented = (ca: string) => createSecureContext({ ca: [...rootCertificates, ca] });
    expect(await handshake(documented(ours.caCertPem))).toBe('trusted');
    expect(await handshake(documented(other.caCertPem))).toBe('SELF_SIGNED_CERT_IN_CHAIN');
  });
});
