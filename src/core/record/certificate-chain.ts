import * as pkijs from 'pkijs';
import { keyUsage, subjectCommonName } from './certificate-info';
import { gatherRevocationEvidence, type RevocationSources } from './revocation-sources';

const basicConstraintsOid = '2.5.29.19';

export interface ChainVerdict {
  /** The signer's certificate chains to a configured anchor, valid at `at`, with the key usages it needs. */
  trusted: boolean;
  /** The anchor the chain ends at, when it is trusted. */
  root?: string;
  problems: string[];
  revocation: string;
}

/**
 * Validates the signer's chain to one of `anchors` at `at` (RFC 5280 path validation by pkijs,
 * plus key usage: the signer may sign, each issuer may sign certificates), with revocation by
 * OCSP or CRL when the responders or CRLs can be reached.
 */
export async function validateSignerChain(
  signer: pkijs.Certificate,
  others: pkijs.Certificate[],
  anchors: pkijs.Certificate[],
  at: Date,
  revocation: RevocationSources,
): Promise<ChainVerdict> {
  const problems: string[] = [];
  if (anchors.length === 0)
    return { trusted: false, problems: ['no trust anchor is configured, so no signer can be trusted'], revocation: 'not checked' };
  const usage = keyUsage(signer);
  if (usage && !usage.digitalSignature && !usage.nonRepudiation) problems.push('the signer certificate may not sign documents (key usage)');

  const first = await runEngine(signer, others, anchors, at, []);
  if (!first.result || !first.certificatePath) {
    problems.push(`the signer certificate does not chain to a trusted root at ${at.toISOString()}: ${first.resultMessage}`);
    return { trusted: false, problems, revocation: 'not checked' };
  }
  const path = first.certificatePath;
  const root = path[path.length - 1]!;
  for (const issuer of path.slice(1)) {
    if (!isCaCertificate(issuer))
      problems.push(`${subjectCommonName(issuer)} is not a certification authority (basic constraints or key usage)`);
  }
  const evidence = await gatherRevocationEvidence(path, revocation, subjectCommonName);
  for (const name of evidence.revokedByOcsp) problems.push(`revocation: the certificate of ${name} is revoked (OCSP)`);
  if (evidence.crls.length > 0) {
    const withCrls = await runEngine(signer, others, anchors, at, evidence.crls);
    if (!withCrls.result) problems.push(`revocation: ${withCrls.resultMessage}`);
  }
  return { trusted: problems.length === 0, root: subjectCommonName(root), problems, revocation: evidence.status };
}

async function runEngine(
  signer: pkijs.Certificate,
  others: pkijs.Certificate[],
  anchors: pkijs.Certificate[],
  at: Date,
  crls: pkijs.CertificateRevocationList[],
): Promise<pkijs.CertificateChainValidationEngineVerifyResult> {
  const engine = new pkijs.CertificateChainValidationEngine({ trustedCerts: anchors, certs: [...others, signer], crls, checkDate: at });
  try {
    return await engine.verify({ passedWhenNotRevValues: true });
  } catch (e) {
    return { result: false, resultCode: -1, resultMessage: (e as Error).message ?? String(e) };
  }
}

/** basicConstraints cA=true, and keyCertSign among the key usages when the certificate lists them. */
export function isCaCertificate(cert: pkijs.Certificate): boolean {
  const bc = cert.extensions?.find((e) => e.extnID === basicConstraintsOid)?.parsedValue as pkijs.BasicConstraints | undefined;
  if (!bc || !bc.cA) return false;
  const ext = cert.extensions?.find((e) => e.extnID === '2.5.29.15');
  if (!ext) return true;
  const bits = (ext.parsedValue as { valueBlock: { valueHexView: Uint8Array } }).valueBlock.valueHexView;
  return ((bits[0] ?? 0) & 0x04) !== 0;
}
