import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toArrayBuffer } from './array-buffer';
import { sha256Algorithm, type TimestampSource } from './cades-signature';
import { TimestampError, TimestampFailedError, TimestampInvalidError } from './signer-errors';
import { checkAuthoritySignature } from './timestamp-token';

export interface TimestampClientOptions {
  url: string;
  /** Milliseconds before giving up on the authority. */
  timeoutMs?: number;
}

/** Returns the DER of an RFC 3161 TimeStampToken whose message imprint is the given SHA-256 digest. */
export type DigestTimestamper = (sha256: Uint8Array) => Promise<Uint8Array>;

/** An RFC 3161 client for a signature timestamp: a token over the SHA-256 of the signature value. */
export function rfc3161TimestampSource(options: TimestampClientOptions): TimestampSource {
  const timestamper = rfc3161DigestTimestamper(options);
  return (signatureValue) => timestamper(createHash('sha256').update(signatureValue).digest());
}

/** An RFC 3161 client: asks the TSA at `url` for a token over a SHA-256 digest the caller computed. */
export function rfc3161DigestTimestamper(options: TimestampClientOptions): DigestTimestamper {
  return async (sha256) => {
    const imprint = Buffer.from(sha256);
    const nonce = randomBytes(8);
    // A positive INTEGER in minimal DER: no sign bit, and no leading zero byte (OpenSSL's TSA
    // rejects a non-minimal encoding as a bad request, 1 time in 256 without this).
    nonce[0] = nonce[0]! & 0x7f || 1;
    const request = new pkijs.TimeStampReq({
      version: 1,
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: sha256Algorithm(),
        hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(imprint) }),
      }),
      certReq: true,
      nonce: new asn1js.Integer({ valueHex: toArrayBuffer(nonce) }),
    });
    let body: ArrayBuffer;
    try {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/timestamp-query' },
        body: new Uint8Array(request.toSchema().toBER()),
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
      if (!response.ok) throw new TimestampFailedError(`HTTP ${response.status}`, { url: options.url });
      body = await response.arrayBuffer();
    } catch (e) {
      if (e instanceof TimestampError) throw e;
      throw new TimestampFailedError((e as Error).message, { url: options.url });
    }
    return readToken(body, imprint, nonce, options.url);
  };
}

function readToken(body: ArrayBuffer, imprint: Buffer, nonce: Buffer, url: string): Uint8Array {
  let response: pkijs.TimeStampResp;
  try {
    response = pkijs.TimeStampResp.fromBER(body);
  } catch {
    throw new TimestampFailedError('the answer is not a timestamp response', { url });
  }
  const status = response.status.status;
  if ((status !== 0 && status !== 1) || !response.timeStampToken)
    throw new TimestampFailedError(`refused with status ${status}`, { url, status });
  const signedData = new pkijs.SignedData({ schema: response.timeStampToken.content });
  const tstInfo = pkijs.TSTInfo.fromBER(signedData.encapContentInfo.eContent!.getValue());
  if (!Buffer.from(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView).equals(imprint))
    throw new TimestampFailedError('the token is for other data', { url });
  if (!tstInfo.nonce || !Buffer.from(tstInfo.nonce.valueBlock.valueHexView).equals(nonce))
    throw new TimestampFailedError('the token does not answer this request (nonce)', { url });
  if (!authoritySignatureVerifies(signedData)) throw new TimestampInvalidError(url);
  return new Uint8Array(response.timeStampToken.toSchema().toBER());
}

function authoritySignatureVerifies(signedData: pkijs.SignedData): boolean {
  try {
    return checkAuthoritySignature(signedData).signatureOk;
  } catch {
    return false;
  }
}
