import { CodedError } from '../../shared/errors';
import type { TrustAnchorView } from '../../shared/types';
import type { AuditLog } from '../audit/audit-log';
import type { Store } from '../store/store';
import { isCaCertificate } from './certificate-chain';
import { parseCertificate } from './certificate-info';
import { certificateSummary } from './certificate-summary';
import { certificatesOfBytes, pemToDer, readTrustAnchors, trustAnchorEntries, TRUST_ANCHORS_SETTING } from './trust-anchors';

/** An uploaded file that holds no certificate (PEM or DER). */
export class TrustAnchorInvalidError extends CodedError {
  constructor(reason: string) {
    super('signing.trust-anchor-invalid', `The file is not a PEM or DER certificate: ${reason}`, { reason });
  }
}

/** A certificate that is no certification authority's (basicConstraints cA, keyCertSign): an end-entity certificate trusts nothing. */
export class TrustAnchorNotCaError extends CodedError {
  constructor(commonName: string) {
    super('trust.not-a-ca', `${commonName} is not a certification authority's certificate and cannot be a trust anchor`, { commonName });
  }
}

export class TrustAnchorNotFoundError extends CodedError {
  constructor(sha256: string) {
    super('signing.trust-anchor-not-found', `No trust anchor has the SHA-256 ${sha256}`, { sha256 });
  }
}

const isPemText = (entry: string) => entry.includes('-----BEGIN');

/**
 * The roots in `signing.trust-anchors` as the administrator manages them: a certificate imported
 * (its bytes, never a path) is kept in the setting as PEM text; entries set by path (the command
 * line) are listed and can be struck off, their files untouched. Each change is audited.
 */
export class TrustAnchorRegistry {
  constructor(
    private readonly store: Pick<Store, 'settings' | 'transaction'>,
    private readonly audit: AuditLog,
  ) {}

  list(): TrustAnchorView[] {
    return this.entries().flatMap((entry) => this.viewsOf(entry));
  }

  /** Imports the certificates of a PEM or DER file; one already trusted is left as it is. */
  add(bytes: Uint8Array, actor: string): TrustAnchorView[] {
    let pems: string[];
    try {
      pems = certificatesOfBytes(bytes, 'upload');
    } catch (e) {
      throw new TrustAnchorInvalidError(e instanceof CodedError ? String(e.details?.reason ?? e.message) : (e as Error).message);
    }
    for (const pem of pems) {
      const der = pemToDer(pem);
      if (!isCaCertificate(parseCertificate(der))) throw new TrustAnchorNotCaError(certificateSummary(der).commonName);
    }
    const known = new Set(this.list().flatMap((v) => (v.certificate ? [v.certificate.sha256] : [])));
    this.store.transaction(() => {
      const entries = this.entries();
      for (const pem of pems) {
        const summary = certificateSummary(pemToDer(pem));
        if (known.has(summary.sha256)) continue;
        known.add(summary.sha256);
        entries.push(pem.trim());
        this.audit.append({ actor, action: 'trust.add', subject: summary.commonName, details: detailsOf(summary) });
      }
      this.store.settings.set(TRUST_ANCHORS_SETTING, JSON.stringify(entries));
    });
    return this.list();
  }

  /** Strikes off the entry holding the certificate with this SHA-256 (a folder entry goes whole). */
  remove(sha256: string, actor: string): TrustAnchorView[] {
    const entries = this.entries();
    const index = entries.findIndex((entry) => this.viewsOf(entry).some((v) => v.certificate?.sha256 === sha256));
    if (index < 0) throw new TrustAnchorNotFoundError(sha256);
    const removed = this.viewsOf(entries[index]!).find((v) => v.certificate?.sha256 === sha256)!;
    this.store.transaction(() => {
      this.store.settings.set(TRUST_ANCHORS_SETTING, JSON.stringify(entries.filter((_, i) => i !== index)));
      this.audit.append({
        actor,
        action: 'trust.remove',
        subject: removed.certificate!.commonName,
        details: { ...detailsOf(removed.certificate!), path: removed.path },
      });
    });
    return this.list();
  }

  private entries(): string[] {
    try {
      return trustAnchorEntries(this.store.settings.get(TRUST_ANCHORS_SETTING));
    } catch {
      return [];
    }
  }

  private viewsOf(entry: string): TrustAnchorView[] {
    const source = isPemText(entry) ? 'imported' : 'path';
    const path = source === 'path' ? entry : null;
    try {
      return readTrustAnchors([entry]).map((pem) => ({ source, path, certificate: certificateSummary(pemToDer(pem)), problem: null }));
    } catch (e) {
      return [{ source, path, certificate: null, problem: e instanceof CodedError ? e.code : 'signing.trust-anchor-unreadable' }];
    }
  }
}

const detailsOf = (c: NonNullable<TrustAnchorView['certificate']>) => ({ sha256: c.sha256, issuer: c.issuer, notAfter: c.notAfter });
