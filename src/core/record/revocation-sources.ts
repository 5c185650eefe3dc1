import * as pkijs from 'pkijs';
import { toArrayBuffer } from './array-buffer';

const crlDistributionPointsOid = '2.5.29.31';
const authorityInfoAccessOid = '1.3.6.1.5.5.7.1.1';
const ocspMethodOid = '1.3.6.1.5.5.7.48.1';
const uriName = 6;

/** Fetches CRLs over HTTP; `undefined` when the address cannot be reached (offline). */
export type CrlFetcher = (url: string) => Promise<Uint8Array | undefined>;

export interface RevocationEvidence {
  crls: pkijs.CertificateRevocationList[];
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
        if (d.accessMethod === ocspMethodOid && d.accessLocation.type === uriName && typeof d.accessLocation.value === 'string') ocsp.push(d.accessLocation.value);
      }
    }
  }
  return { crl: crl.filter((u) => /^https?:\/\//i.test(u)), ocsp: ocsp.filter((u) => /^https?:\/\//i.test(u)) };
}

/**
 * Gathers the CRLs the chain's certificates name. The chain is "checked" only when every
 * certificate below the root names a CRL that could be fetched; otherwise the status says why not.
 */
export async function gatherRevocationEvidence(chainBelowRoot: pkijs.Certificate[], fetchCrl: CrlFetcher | undefined): Promise<RevocationEvidence> {
  const crls: pkijs.CertificateRevocationList[] = [];
  if (!fetchCrl) return { crls, status: 'not checked (offline)' };
  let unchecked = 0;
  let offline = 0;
  for (const cert of chainBelowRoot) {
    const { crl } = revocationAddresses(cert);
    if (crl.length === 0) {
      unchecked++;
      continue;
    }
    let got = false;
    for (const url of crl) {
      const bytes = await fetchCrl(url);
      if (!bytes) continue;
      try {
        crls.push(pkijs.CertificateRevocationList.fromBER(toArrayBuffer(bytes)));
        got = true;
        break;
      } catch {
        // not a CRL: try the next address
      }
    }
    if (!got) offline++;
  }
  if (offline > 0) return { crls, status: 'not checked (offline)' };
  if (unchecked > 0) return { crls, status: crls.length > 0 ? 'partly checked (a certificate names no CRL)' : 'not checked (the certificates name no CRL)' };
  return { crls, status: 'checked (CRL)' };
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
