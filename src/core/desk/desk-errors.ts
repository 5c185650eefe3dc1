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

/** A document of the dossier has no page (nor a reused record): the clerk adds its pages or removes it before signing. */
export class DocumentEmptyError extends CodedError {
  constructor(documentIds: number[]) {
    super('desk.document-empty', `Documents with no pages: ${documentIds.join(', ')}; add pages or remove them`, { documentIds });
  }
}

/** Components the procedure asks for have no document; finalizing anyway needs the clerk's confirmation. */
export class ComponentsMissingError extends CodedError {
  constructor(components: string[]) {
    super('desk.components-missing', `No document for: ${components.join('; ')}; confirm to finalize without them`, { components });
  }
}

/** A document that was signed here, queued for the hub, or reused by another dossier stays; it can only be replaced by a new version. */
export class DocumentNotRemovableError extends CodedError {
  constructor(documentId: number, reason: 'signed' | 'queued' | 'reused') {
    super('document.not-removable', `Document ${documentId} cannot be removed: ${reason}`, { documentId, reason });
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

/** The move was asked against an order of pages the document no longer has (another window or a late screen moved them). */
export class PageOrderStaleError extends CodedError {
  constructor(documentId: number, expected: number[], actual: number[]) {
    super('page.order-stale', `Document ${documentId}'s pages are in another order than the one the move was made against`, {
      documentId,
      expected,
      actual,
    });
  }
}

export class ScanInProgressError extends CodedError {
  constructor(documentId: number) {
    super('scanner.in-progress', `A scan into document ${documentId} is already running`, { documentId });
  }
}

/** A finalized (signed and filed) dossier is not changed in place: the clerk reopens it first, which is audited. */
export class DossierFinalizedError extends CodedError {
  constructor(dossierId: number) {
    super('dossier.finalized', `Dossier ${dossierId} is finalized; reopen it to change it`, { dossierId });
  }
}

export class DossierNotFinalizedError extends CodedError {
  constructor(dossierId: number) {
    super('dossier.not-finalized', `Dossier ${dossierId} is not finalized, so there is nothing to reopen`, { dossierId });
  }
}

/** A one-click re-scan uses the scanner the dossier was last scanned with; its pages came from files or the camera. */
export class RescanNoScannerError extends CodedError {
  constructor(dossierId: number) {
    super('page.rescan-no-scanner', `Dossier ${dossierId} was never scanned with a scanner; scan or import the page again instead`, {
      dossierId,
    });
  }
}

export class RescanNothingScannedError extends CodedError {
  constructor(pageId: number) {
    super('page.rescan-empty', `The scanner delivered no page to replace page ${pageId}`, { pageId });
  }
}

export class RescanDuplicateError extends CodedError {
  constructor(pageId: number, duplicateOf: number) {
    super('page.rescan-duplicate', `The new scan of page ${pageId} is identical to page ${duplicateOf} of the same document`, {
      pageId,
      duplicateOf,
    });
  }
}
