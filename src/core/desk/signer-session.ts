import { readFile } from 'node:fs/promises';
import type { SignerStatus } from '../../shared/types';
import { parseCertificate, subjectCommonName } from '../record/certificate-info';
import { openP12Signer } from '../record/p12-signer';
import { openPkcs11Signer } from '../record/pkcs11-signer';
import type { Signer } from '../record/signer';
import { SignerFileUnreadableError } from '../record/signer-errors';
import { SignerLockedError } from './desk-errors';

/** The agency's signing key for this engine session: held in memory only, never written anywhere. */
export class SignerSession {
  private current: { signer: Signer; subject: string } | undefined;

  async unlockP12(path: string, password: string): Promise<SignerStatus> {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (e) {
      throw new SignerFileUnreadableError(`cannot read ${path}`, { code: (e as NodeJS.ErrnoException).code });
    }
    const signer = await openP12Signer(bytes, password);
    const [leaf] = await signer.certificateChain();
    await this.lock();
    this.current = { signer, subject: subjectCommonName(parseCertificate(leaf!)) };
    return this.status();
  }

  /** A PKCS#11 token (the USB tokens Vietnamese CAs issue): the PIN opens the session and is not kept. */
  async unlockToken(options: { modulePath: string; tokenLabel?: string; pin: string }): Promise<SignerStatus> {
    const signer = await openPkcs11Signer(options);
    const [leaf] = await signer.certificateChain();
    await this.lock();
    this.current = { signer, subject: subjectCommonName(parseCertificate(leaf!)) };
    return this.status();
  }

  status(): SignerStatus {
    return { unlocked: this.current !== undefined, subject: this.current?.subject ?? null };
  }

  require(): { signer: Signer; subject: string } {
    if (!this.current) throw new SignerLockedError();
    return this.current;
  }

  async lock(): Promise<void> {
    const was = this.current;
    this.current = undefined;
    await was?.signer.close();
  }
}
