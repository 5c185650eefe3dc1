import { CodedError } from '../../shared/errors';

export class SignerLockedError extends CodedError {
  constructor() {
    super('signer.locked', 'No signing certificate is unlocked for this session');
  }
}

/** Some document is still being read or assembled, has a page that failed, or has no record yet. */
export class DossierNotReadyError extends CodedError {
  constructor(documentIds: number[]) {
    super('dossier.not-ready', `Documents not ready to sign: ${documentIds.join(', ')}`, { documentIds });
  }
}

export class DossierEmptyError extends CodedError {
  constructor(dossierId: number) {
    super('dossier.empty', `Dossier ${dossierId} has no document with a record to sign`, { dossierId });
  }
}

export class ReuseNotAllowedError extends CodedError {
  constructor(reason: string, details?: Record<string, unknown>) {
    super('reuse.not-allowed', `Cannot reuse this document: ${reason}`, details);
  }
}

export class PageNotReadyError extends CodedError {
  constructor(pageId: number) {
    super('page.not-ready', `Page ${pageId} has not been cleaned yet`, { pageId });
  }
}

export class PageMoveConflictError extends CodedError {
  constructor(pageId: number, documentId: number) {
    super('page.move-conflict', `Document ${documentId} already has the same image as page ${pageId}`, { pageId, documentId });
  }
}

export class ScanInProgressError extends CodedError {
  constructor(documentId: number) {
    super('scanner.in-progress', `A scan into document ${documentId} is already running`, { documentId });
  }
}
