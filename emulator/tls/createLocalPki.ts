import { issueCertificate } from './issueCertificate';

export interface LocalPki {
  /** The local world's CA: trust this to verify its HTTPS listeners. */
  caCertPem: string;
  /** The server certificate (leaf, then CA) and its key, for every HTTPS listener. */
  serverCertPem: string;
  serverKeyPem: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A CA made at start (kept in memory; the standalone emulator writes it to a file) and one server
 * certificate signed by it, for the given names plus 127.0.0.1, ::1 and localhost. Validity uses
 * the real time, because TLS clients check it against theirs: from a day ago (clock skew) to 90 days on.
 */
export function createLocalPki(dnsNames: string[], now = new Date()): LocalPki {
  const notBefore = new Date(now.getTime() - DAY_MS);
  const notAfter = new Date(now.getTime() + 90 * DAY_MS);
  const ca = issueCertificate({ commonName: 'lattice-e2e local world CA', isCa: true, notBefore, notAfter });
  const altNames = [...new Set([...dnsNames, 'localhost', '127.0.0.1', '::1'])];
  const server = issueCertificate({
    commonName: dnsNames[0] ?? 'localhost',
    altNames,
    issuer: ca,
    isCa: false,
    notBefore,
    notAfter,
  });
  return { caCertPem: ca.certPem, serverCertPem: server.certPem + ca.certPem, serverKeyPem: server.keyPem };
}
