import { CodedError } from '../shared/errors';

/** An error the hub sends back as `{ code, message, details }` with an HTTP status. */
export class HubError extends CodedError {
  constructor(
    code: string,
    message: string,
    readonly status: number,
    details?: Record<string, unknown>,
  ) {
    super(code, message, details);
  }
}

export class UnauthorizedError extends HubError {
  constructor(reason: string) {
    super('sync.unauthorized', `Not authenticated: ${reason}`, 401);
  }
}

export class ForbiddenError extends HubError {
  constructor(reason: string) {
    super('sync.forbidden', `Not allowed: ${reason}`, 403);
  }
}

export class EnrollmentInvalidError extends HubError {
  constructor() {
    super('sync.enrollment-invalid', 'The enrollment code is unknown, used or expired', 403);
  }
}

export class BadRequestError extends HubError {
  constructor(reason: string, details?: Record<string, unknown>) {
    super('sync.bad-request', `Malformed request: ${reason}`, 400, details);
  }
}

export class UploadRequiredError extends HubError {
  constructor(sha256: string) {
    super('sync.upload-required', `The hub does not hold ${sha256}; upload it first`, 409, { sha256 });
  }
}

export class UploadNotFoundError extends HubError {
  constructor(uploadId: string) {
    super('sync.upload-not-found', `No upload ${uploadId} for this workstation`, 404, { uploadId });
  }
}

export class UploadIncompleteError extends HubError {
  constructor(offset: number, size: number) {
    super('sync.upload-incomplete', `The upload holds ${offset} of ${size} bytes`, 409, { offset, size });
  }
}

export class SizeMismatchError extends HubError {
  constructor(declared: number, received: number) {
    super('sync.size-mismatch', `Declared ${declared} bytes, received ${received}`, 422, { declared, received });
  }
}

export class HashMismatchError extends HubError {
  constructor(declared: string, received: string) {
    super('sync.hash-mismatch', `Declared SHA-256 ${declared}, received bytes hash to ${received}`, 422, { declared, received });
  }
}

export class NotPdfError extends HubError {
  constructor() {
    super('sync.not-pdf', 'The record is not a PDF', 422);
  }
}

export class SignatureInvalidError extends HubError {
  constructor(reason: string) {
    super('sync.signature-invalid', `The record's signature does not hold: ${reason}`, 422, { reason });
  }
}

export class VersionConflictError extends HubError {
  constructor(documentKey: string, version: number) {
    super('sync.version-conflict', `Version ${version} of ${documentKey} is already stored with other bytes`, 409, {
      documentKey,
      version,
    });
  }
}

export class TooLargeError extends HubError {
  constructor(limit: number) {
    super('sync.too-large', `The record exceeds the hub's limit of ${limit} bytes`, 413, { limit });
  }
}

export class BlobStorageUnavailableError extends HubError {
  constructor(where: string, reason: string) {
    super('sync.storage-unavailable', `The hub's blob storage (${where}) failed: ${reason}`, 503, { where, reason });
  }
}

/** A workstation sent an audit-log head that does not extend the last one it sent: its log was cut or rewritten. */
export class AuditHeadRewindError extends HubError {
  constructor(lastSeen: { seq: number; hash: string }, sent: { seq: number; hash: string }) {
    super(
      'sync.audit-log-rewritten',
      `The audit log's head (event ${sent.seq}) does not extend the head this hub last saw (event ${lastSeen.seq}): the log was cut or rewritten`,
      409,
      { lastSeen, sent },
    );
  }
}

/** A signed record without the XMP fields the engine writes: what it declares cannot be checked. */
export class RecordXmpMissingError extends HubError {
  constructor() {
    super(
      'sync.record-xmp-missing',
      'The signed PDF carries no SoHoa XMP metadata (sohoa:dossierCode): nothing to check the declaration against',
      422,
    );
  }
}

/** What the workstation declared for a record is not what the signed PDF says. */
export class MetadataMismatchError extends HubError {
  constructor(field: string, declared: unknown, inPdf: unknown) {
    super(
      'sync.metadata-mismatch',
      `The declared ${field} (${JSON.stringify(declared)}) is not the signed PDF's (${JSON.stringify(inPdf)})`,
      422,
      { field, declared, inPdf },
    );
  }
}
