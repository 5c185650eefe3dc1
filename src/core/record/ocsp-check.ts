import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toArrayBuffer } from './array-buffer';

/** Sends a DER OCSP request to a responder; `undefined` when it cannot be reached (offline). */
export type OcspFetcher = (url: string, request: Uint8Array) => Promise<Uint8Array | undefined>;

/** What a responder said of one certificate; `unanswered` covers no answer, a refusal, or an answer that does not verify. */
export type OcspStatus = 'good' | 'revoked' | 'unknown' | 'unanswered';

const BASIC_OCSP_RESPONSE = '1.3.6.1.5.5.7.48.1.1';

/**
 * Asks the responder at `url` about `cert` (RFC 6960): the request names the certificate by its
 * issuer's name and key hashes; the answer counts only when signed by the issuer or by a responder
 * the issuer certified, and when it is about this certificate.
 */
export async function checkOcsp(
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  url: string,
  fetchOcsp: OcspFetcher,
): Promise<OcspStatus> {
  const request = new pkijs.OCSPRequest();
  await request.createForCertificate(cert, { hashAlgorithm: 'SHA-1', issuerCertificate: issuer });
  const answer = await fetchOcsp(url, new Uint8Array(request.toSchema(true).toBER(false)));
  if (!answer) return 'unanswered';
  try {
    const response = pkijs.OCSPResponse.fromBER(toArrayBuffer(answer));
    if (response.responseStatus.valueBlock.valueDec !== 0 || !response.responseBytes) return 'unanswered';
    if (response.responseBytes.responseType !== BASIC_OCSP_RESPONSE) return 'unanswered';
    const basic = new pkijs.BasicOCSPResponse({ schema: asn1js.fromBER(response.responseBytes.response.valueBlock.valueHexView).result });
    if (!(await basic.verify({ trustedCerts: [issuer] }))) return 'unanswered';
    const status = await basic.getCertificateStatus(cert, issuer);
    if (!status.isForCertificate) return 'unanswered';
    return status.status === 0 ? 'good' : status.status === 1 ? 'revoked' : 'unknown';
  } catch {
    return 'unanswered';
  }
}

/** OCSP over HTTP POST with a short timeout; any failure reads as offline. */
export const httpOcspFetcher: OcspFetcher = async (url, request) => {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/ocsp-request' },
      body: toArrayBuffer(request),
      signal: AbortSignal.timeout(5_000),
    });
    return response.ok ? new Uint8Array(await response.arrayBuffer()) : undefined;
  } catch {
    return undefined;
  }
};
