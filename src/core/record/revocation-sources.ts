import * as pkijs from 'pkijs';
import { toArrayBuffer } from './array-buffer';
import { checkOcsp, type OcspFetcher } from './ocsp-check';

const crlDistributionPointsOid = '2.5.29.31';
const authorityInfoAccessOid = '1.3.6.1.5.5.7.1.1';
const ocspMethodOid = '1.3.6.1.5.5.7.48.1';
const uriName = 6;

/** Fetches CRLs over HTTP; `undefined` when the address cannot be reached (offline). */
export type CrlFetcher = (url: string) => Promise<Uint8Array | undefined>;

/** Where revocation is asked about; an absent one is offline. */
export interface RevocationSources {
  fetchCrl?: CrlFetcher;
  fetchOcsp?: OcspFetcher;
}

export interface RevocationEvidence {
  crls: pkijs.CertificateRevocationList[];
  /** Certificates their OCSP responder says are revoked (by subject name). */
  revokedByOcsp: string[];
  /** What the report says about revocation for this chain. */
  status: string;
}

/** The http(s) addresses a certificate names for its CRL and its OCSP responder. */
export function revocationAddresses(cert: pkijs.Certificate): { crl: string[]; ocsp: string[] } {
  const crl: string[] = [];
  const ocsp: string[] = [];
  for (const ext of cert.extensions ?? []) {
    if (ext.extnID === crlDistributionPointsOid && ext.parsedValue instanceof pkijs.CRLDistributionPoints) {
      for (const dp of ext.parsedValue.distributionPoints) {
        const names = Array.isArray(dp.distributionPoint) ? dp.distributionPoint : [];
        for (const n of names) if (n.type === uriName && typeof n.value === 'string') crl.push(n.value);
      }
    }
    if (ext.extnID === authorityInfoAccessOid && ext.parsedValue instanceof pkijs.InfoAccess) {
      for (const d of ext.parsedValue.accessDescriptions) {
        if (d.accessMethod === ocspMethodOid && d.accessLocation.type === uriName && typeof d.accessLocation.value === 'string')
          ocsp.push(d.accessLocation.value);
      }
    }
  }
  return { crl: crl.filter((u) => /^https?:\/\//i.test(u)), ocsp: ocsp.filter((u) => /^https?:\/\//i.test(u)) };
}

/**
 * Asks about each certificate of the chain below the root: its OCSP responder first when it names
 * one (a definite "good" or "revoked" settles it), otherwise or failing that its CRL. The chain is
 * "checked" only when every certificate got an answer; otherwise the status says why not.
 * `chain` runs from the signer up to the root (the root is each last certificate's issuer).
 */
export async function gatherRevocationEvidence(
  chain: pkijs.Certificate[],
  sources: RevocationSources,
  subjectName: (cert: pkijs.Certificate) => string,
): Promise<RevocationEvidence> {
  const crls: pkijs.CertificateRevocationList[] = [];
  const revokedByOcsp: string[] = [];
  if (!sources.fetchCrl && !sources.fetchOcsp) return { crls, revokedByOcsp, status: 'not checked (offline)' };
  let unchecked = 0;
  let offline = 0;
  const how = new Set<string>();
  for (const [i, cert] of chain.slice(0, -1).entries()) {
    const { crl, ocsp } = revocationAddresses(cert);
    const issuer = chain[i + 1]!;
    let settled = false;
    for (const url of sources.fetchOcsp ? ocsp : []) {
      const status = await checkOcsp(cert, issuer, url, sources.fetchOcsp!);
      if (status === 'good' || status === 'revoked') {
        if (status === 'revoked') revokedByOcsp.push(subjectName(cert));
        how.add('OCSP');
        settled = true;
        break;
      }
    }
    if (settled) continue;
    if (crl.length === 0 && ocsp.length === 0) {
      unchecked++;
      continue;
    }
    for (const url of sources.fetchCrl ? crl : []) {
      const bytes = await sources.fetchCrl!(url);
      if (!bytes) continue;
      try {
        crls.push(pkijs.CertificateRevocationList.fromBER(toArrayBuffer(bytes)));
        how.add('CRL');
        settled = true;
        break;
      } catch {
        // not a CRL: try the next address
      }
    }
    if (!settled) offline++;
  }
  if (offline > 0) return { crls, revokedByOcsp, status: 'not checked (offline)' };
  if (unchecked > 0)
    return {
      crls,
      revokedByOcsp,
      status:
        how.size > 0
          ? 'partly checked (a certificate names no CRL or OCSP responder)'
          : 'not checked (the certificates name no CRL or OCSP responder)',
    };
  return { crls, revokedByOcsp, status: `checked (${[...how].sort().join(' and ')})` };
}

const crlCache = new Map<string, { until: number; bytes: Uint8Array | undefined }>();

/**
 * CRLs over HTTP with a short timeout; any failure reads as offline. Answers are kept a while (a
 * failure for a minute), so a hub verifying many records from one CA, or one that is offline, does
 * not fetch or wait for each record.
 */
export const httpCrlFetcher: CrlFetcher = async (url) => {
  const cached = crlCache.get(url);
  if (cached && cached.until > Date.now()) return cached.bytes;
  let bytes: Uint8Array | undefined;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    if (response.ok) bytes = new Uint8Array(await response.arrayBuffer());
  } catch {
    bytes = undefined;
  }
  if (crlCache.size > 1_000) crlCache.clear();
  crlCache.set(url, { until: Date.now() + (bytes ? 10 * 60_000 : 60_000), bytes });
  return bytes;
};
