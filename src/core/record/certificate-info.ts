import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import * as pkijs from 'pkijs';
import { toArrayBuffer } from './array-buffer';
import { SignerCertExpiredError, SignerCertNotYetValidError, SignerCertUsageError } from './signer-errors';

const keyUsageOid = '2.5.29.15';
const commonNameOid = '2.5.4.3';

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(toArrayBuffer(der));
}

export function subjectCommonName(cert: pkijs.Certificate): string {
  const cn = cert.subject.typesAndValues.find((t) => t.type === commonNameOid);
  return cn ? String(cn.value.valueBlock.value) : cert.subject.typesAndValues.map((t) => String(t.value.valueBlock.value)).join(', ');
}

/** Key usage bits as named in RFC 5280; undefined when the certificate has no key usage extension. */
export function keyUsage(cert: pkijs.Certificate): { digitalSignature: boolean; nonRepudiation: boolean } | undefined {
  const ext = cert.extensions?.find((e) => e.extnID === keyUsageOid);
  if (!ext) return undefined;
  const bits = (ext.parsedValue as { valueBlock: { valueHexView: Uint8Array } }).valueBlock.valueHexView;
  const first = bits[0] ?? 0;
  return { digitalSignature: (first & 0x80) !== 0, nonRepudiation: (first & 0x40) !== 0 };
}

/** Refuses a certificate that cannot sign at `at`: expired, not yet valid, or without a signing key usage. */
export function assertCanSign(der: Uint8Array, at: Date): void {
  const cert = parseCertificate(der);
  const notBefore = cert.notBefore.value;
  const notAfter = cert.notAfter.value;
  if (at.getTime() > notAfter.getTime()) throw new SignerCertExpiredError(notAfter);
  if (at.getTime() < notBefore.getTime()) throw new SignerCertNotYetValidError(notBefore);
  const usage = keyUsage(cert);
  if (usage && !usage.digitalSignature && !usage.nonRepudiation) throw new SignerCertUsageError();
}

/** The signer's certificate (the one whose public key matches `key`) first, then its issuers in order. */
export function orderChain(certificates: Uint8Array[], key?: KeyObject): Uint8Array[] {
  const x509 = certificates.map((der) => ({ der, cert: new X509Certificate(Buffer.from(der)) }));
  let leaf = x509[0];
  if (key) {
    const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
    leaf = x509.find((c) => c.cert.publicKey.export({ type: 'spki', format: 'der' }).equals(spki)) ?? leaf;
  } else {
    leaf = x509.find((c) => !x509.some((o) => o !== c && o.cert.checkIssued(c.cert))) ?? leaf;
  }
  if (!leaf) return [];
  const chain = [leaf];
  for (let current = leaf; ;) {
    const issuer = x509.find((c) => !chain.includes(c) && current.cert.checkIssued(c.cert));
    if (!issuer) break;
    chain.push(issuer);
    current = issuer;
  }
  return chain.map((c) => c.der);
}
