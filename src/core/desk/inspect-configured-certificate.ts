import { readFile } from 'node:fs/promises';
import type { CertificateSummary, ConfiguredSigner } from '../../shared/types';
import { certificateSummary } from '../record/certificate-summary';
import { openP12Signer } from '../record/p12-signer';
import { openPkcs11Signer } from '../record/pkcs11-signer';
import type { Signer } from '../record/signer';
import { unreadableReason } from './configured-signer';
import { SignerConfiguredFileUnreadableError, SignerNotConfiguredError } from './signer-source-errors';

/**
 * Opens the configured certificate file or token only to read its certificate, then closes it:
 * nothing is held for signing (Settings › Signing shows the subject and expiry to the administrator).
 */
export async function inspectConfiguredCertificate(configured: ConfiguredSigner, secret: string): Promise<CertificateSummary> {
  let signer: Signer;
  if (configured.source === 'pkcs11') {
    if (!configured.modulePath) throw new SignerNotConfiguredError('pkcs11');
    signer = await openPkcs11Signer({ modulePath: configured.modulePath, tokenLabel: configured.tokenLabel ?? undefined, pin: secret });
  } else {
    if (!configured.p12Path) throw new SignerNotConfiguredError('file');
    const problem = unreadableReason(configured.p12Path);
    if (problem) throw new SignerConfiguredFileUnreadableError(configured.p12Path, problem);
    signer = await openP12Signer(await readFile(configured.p12Path), secret);
  }
  try {
    const [leaf] = await signer.certificateChain();
    return certificateSummary(leaf!);
  } finally {
    await signer.close();
  }
}
