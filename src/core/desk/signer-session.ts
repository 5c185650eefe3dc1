import { readFile } from 'node:fs/promises';
import type { CertificateSummary } from '../../shared/types';
import { certificateSummary } from '../record/certificate-summary';
import { openP12Signer } from '../record/p12-signer';
import { openPkcs11Signer } from '../record/pkcs11-signer';
import type { Signer } from '../record/signer';
import { SignerFileUnreadableError } from '../record/signer-errors';
import { SignerLockedError } from './desk-errors';

interface Unlocked {
  signer: Signer;
  /** The certificate's subject CN. */
  subject: string;
  certificate: CertificateSummary;
}

/** The session's side of signer.status: whether the caller holds a certificate, and which. */
export interface HeldSigner {
  unlocked: boolean;
  subject: string | null;
  certificate: CertificateSummary | null;
}

/**
 * The agency's signing keys, held in memory only, never written anywhere. Each one belongs to the
 * sign-in that unlocked it (`owner` names the sign-in of the call in progress): another user never
 * signs with it, and it is closed when that sign-in ends or locks (see `close`).
 */
export class SignerSession {
  private readonly held = new Map<string, Unlocked>();

  /** Without an owner function (the CLI) the whole process is one owner. */
  constructor(private readonly owner: () => string = () => 'process') {}

  async unlockP12(path: string, password: string): Promise<HeldSigner> {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (e) {
      throw new SignerFileUnreadableError(`cannot read ${path}`, { code: (e as NodeJS.ErrnoException).code });
    }
    return this.unlockP12Bytes(bytes, password);
  }

  /** A certificate file's bytes (a file the clerk chose, sent over the contract). */
  async unlockP12Bytes(bytes: Buffer, password: string): Promise<HeldSigner> {
    return this.hold(await openP12Signer(bytes, password));
  }

  /** A PKCS#11 token (the USB tokens Vietnamese CAs issue): the PIN opens the session and is not kept. */
  async unlockToken(options: { modulePath: string; tokenLabel?: string; pin: string }): Promise<HeldSigner> {
    return this.hold(await openPkcs11Signer(options));
  }

  status(): HeldSigner {
    const current = this.held.get(this.owner());
    return { unlocked: current !== undefined, subject: current?.subject ?? null, certificate: current?.certificate ?? null };
  }

  require(): Unlocked {
    const current = this.held.get(this.owner());
    if (!current) throw new SignerLockedError();
    return current;
  }

  /** Closes the caller's signer. */
  lock(): Promise<void> {
    return this.close(this.owner());
  }

  /** Closes the signer a sign-in unlocked (it signed out, locked its screen or idled out). */
  async close(owner: string): Promise<void> {
    const was = this.held.get(owner);
    this.held.delete(owner);
    await was?.signer.close();
  }

  private async hold(signer: Signer): Promise<HeldSigner> {
    const owner = this.owner();
    const [leaf] = await signer.certificateChain();
    await this.close(owner);
    const certificate = certificateSummary(leaf!);
    this.held.set(owner, { signer, subject: certificate.commonName, certificate });
    return this.status();
  }
}
