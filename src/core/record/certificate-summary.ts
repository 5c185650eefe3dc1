import { createHash } from 'node:crypto';
import type * as pkijs from 'pkijs';
import type { CertificateSummary } from '../../shared/types';
import { parseCertificate } from './certificate-info';

const COMMON_NAME = '2.5.4.3';
const ORGANIZATION = '2.5.4.10';

type Name = pkijs.Certificate['subject'];

const attribute = (name: Name, oid: string): string | null => {
  const found = name.typesAndValues.find((t) => t.type === oid);
  return found ? String(found.value.valueBlock.value) : null;
};

const anyName = (name: Name): string => name.typesAndValues.map((t) => String(t.value.valueBlock.value)).join(', ');

/** Subject CN and O, the issuer, the validity and the fingerprint of a DER certificate. */
export function certificateSummary(der: Uint8Array): CertificateSummary {
  const cert = parseCertificate(der);
  return {
    commonName: attribute(cert.subject, COMMON_NAME) ?? anyName(cert.subject),
    organization: attribute(cert.subject, ORGANIZATION),
    issuer: attribute(cert.issuer, COMMON_NAME) ?? attribute(cert.issuer, ORGANIZATION) ?? anyName(cert.issuer),
    notBefore: cert.notBefore.value.toISOString(),
    notAfter: cert.notAfter.value.toISOString(),
    sha256: createHash('sha256').update(der).digest('hex'),
  };
}
