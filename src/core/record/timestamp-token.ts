import { createHash, verify as nodeVerify, X509Certificate } from 'node:crypto';
import * as pkijs from 'pkijs';
import { oids } from './cades-signature';
import { subjectCommonName } from './certificate-info';
import { attributeValue, certificatesOf, findSignerCertificate, hashNameOf } from './cms-parts';

export interface TimestampTokenCheck {
  /** The authority's time (genTime), ISO 8601; empty when the token cannot say. */
  time: string;
  /** The imprint is the hash of the data and the authority's signature over the TSTInfo verifies. */
  valid: boolean;
  /** The authority's common name. */
  authority: string;
  /** The authority's certificate and the others the token carries, for the chain check. */
  tsaCertificate?: pkijs.Certificate;
  otherCertificates: pkijs.Certificate[];
}

/** Checks an RFC 3161 TimeStampToken (a CMS ContentInfo, as ASN.1) against the data it claims to timestamp. */
export function checkTimestampToken(token: unknown, imprintedData: Uint8Array): TimestampTokenCheck {
  const contentInfo = new pkijs.ContentInfo({ schema: token });
  if (contentInfo.contentType !== oids.signedData) throw new Error('not a CMS SignedData');
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  const certs = certificatesOf(signedData);
  const eContent = signedData.encapContentInfo.eContent;
  if (!eContent) return { time: '', valid: false, authority: '', otherCertificates: certs };
  const tstInfoDer = eContent.getValue();
  const tstInfo = pkijs.TSTInfo.fromBER(tstInfoDer);
  const imprintHash = hashNameOf(tstInfo.messageImprint.hashAlgorithm.algorithmId);
  const imprintOk = Buffer.from(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView).equals(
    createHash(imprintHash).update(imprintedData).digest(),
  );
  const { signatureOk, tsaCert } = checkAuthoritySignature(signedData, certs, tstInfoDer);
  return {
    time: tstInfo.genTime.toISOString(),
    valid: imprintOk && signatureOk,
    authority: tsaCert ? subjectCommonName(tsaCert) : '',
    tsaCertificate: tsaCert,
    otherCertificates: certs.filter((c) => c !== tsaCert),
  };
}

/**
 * The authority's signature over the TSTInfo: the signed attributes' message digest is the TSTInfo's
 * hash, and the signature over those attributes verifies with the certificate the token names.
 */
export function checkAuthoritySignature(
  signedData: pkijs.SignedData,
  certs: pkijs.Certificate[] = certificatesOf(signedData),
  tstInfoDer: ArrayBuffer = signedData.encapContentInfo.eContent!.getValue(),
): { signatureOk: boolean; tsaCert: pkijs.Certificate | undefined } {
  const signerInfo = signedData.signerInfos[0];
  const tsaCert = signerInfo ? findSignerCertificate(certs, signerInfo) : undefined;
  if (!signerInfo?.signedAttrs || !tsaCert) return { signatureOk: false, tsaCert };
  const hashName = hashNameOf(signerInfo.digestAlgorithm.algorithmId);
  const md = attributeValue(signerInfo.signedAttrs, oids.messageDigest) as { valueBlock: { valueHexView: Uint8Array } } | undefined;
  const digestOk =
    md !== undefined && Buffer.from(md.valueBlock.valueHexView).equals(createHash(hashName).update(new Uint8Array(tstInfoDer)).digest());
  const toBeSigned = new Uint8Array(signerInfo.signedAttrs.encodedValue);
  toBeSigned[0] = 0x31;
  const key = new X509Certificate(Buffer.from(tsaCert.toSchema().toBER())).publicKey;
  return { signatureOk: digestOk && nodeVerify(hashName, toBeSigned, key, signerInfo.signature.valueBlock.valueHexView), tsaCert };
}
