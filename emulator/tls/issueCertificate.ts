import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import {
  bitString,
  booleanTrue,
  explicit,
  implicit,
  octetString,
  oid,
  sequence,
  set,
  smallInteger,
  time,
  unsignedInteger,
  utf8String,
} from './der';

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
};

export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** A certificate with its key: the PEM texts and what signing another certificate needs. */
export interface IssuedCertificate {
  certPem: string;
  keyPem: string;
  /** The DER of the subject name, the issuer of what this certificate signs. */
  subject: Buffer;
  keyId: Buffer;
  keys: KeyPair;
}

export interface CertificateRequest {
  commonName: string;
  /** DNS names and IP addresses for subjectAltName (leaf certificates). */
  altNames?: string[];
  /** Signs it; absent means self-signed (a CA). */
  issuer?: IssuedCertificate;
  /** A CA may sign certificates; a leaf serves TLS. */
  isCa: boolean;
  notBefore: Date;
  notAfter: Date;
}

const ORGANIZATION = 'lattice-e2e local world';

const name = (commonName: string) =>
  sequence(
    set(sequence(oid(OID.organization), utf8String(ORGANIZATION))),
    set(sequence(oid(OID.commonName), utf8String(commonName))),
  );

const extension = (id: string, value: Buffer, critical = false) =>
  sequence(oid(id), ...(critical ? [booleanTrue()] : []), octetString(value));

/** `[2] dNSName` or `[7] iPAddress` (4 or 16 bytes). */
function generalName(altName: string): Buffer {
  const family = isIP(altName);
  if (family === 4) return implicit(7, Buffer.from(altName.split('.').map(Number)));
  if (family === 6) {
    const [head, tail = ''] = altName.split('::');
    const groups = (s: string) => (s ? s.split(':') : []);
    const fill = 8 - groups(head).length - groups(tail).length;
    const all = [...groups(head), ...Array(altName.includes('::') ? fill : 0).fill('0'), ...groups(tail)];
    return implicit(7, Buffer.from(all.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff])));
  }
  return implicit(2, Buffer.from(altName, 'ascii'));
}

/**
 * Issues an X.509 v3 certificate with an ECDSA P-256 key, DER-encoded by hand (Node can verify
 * certificates but not build them). A CA gets basicConstraints cA and keyCertSign; a leaf gets
 * serverAuth and its subjectAltNames. Both carry key identifiers, as strict verifiers want.
 */
export function issueCertificate(request: CertificateRequest): IssuedCertificate {
  const keys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spki = keys.publicKey.export({ type: 'spki', format: 'der' });
  const keyId = createHash('sha1').update(spki).digest();
  const subject = name(request.commonName);
  const issuer = request.issuer;
  const signatureAlgorithm = sequence(oid(OID.ecdsaWithSha256));
  const extensions = [
    request.isCa
      ? extension(OID.basicConstraints, sequence(booleanTrue()), true)
      : extension(OID.basicConstraints, sequence(), true),
    // CA: digitalSignature, keyCertSign, cRLSign (bits 0, 5, 6). Leaf: digitalSignature (bit 0).
    extension(OID.keyUsage, request.isCa ? bitString(Buffer.from([0x86]), 1) : bitString(Buffer.from([0x80]), 7), true),
    ...(request.isCa ? [] : [extension(OID.extKeyUsage, sequence(oid(OID.serverAuth)))]),
    ...(request.altNames?.length
      ? [extension(OID.subjectAltName, sequence(...request.altNames.map(generalName)))]
      : []),
    extension(OID.subjectKeyIdentifier, octetString(keyId)),
    extension(OID.authorityKeyIdentifier, sequence(implicit(0, issuer?.keyId ?? keyId))),
  ];
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    unsignedInteger(serial),
    signatureAlgorithm,
    issuer?.subject ?? subject,
    sequence(time(request.notBefore), time(request.notAfter)),
    subject,
    spki,
    explicit(3, sequence(...extensions)),
  );
  const signature = sign('sha256', tbs, (issuer?.keys ?? keys).privateKey);
  const der = sequence(tbs, signatureAlgorithm, bitString(signature));
  return {
    certPem: toPem('CERTIFICATE', der),
    keyPem: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    subject,
    keyId,
    keys,
  };
}

function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
