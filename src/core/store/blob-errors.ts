import { CodedError } from '../../shared/errors';

export class BlobMissingError extends CodedError {
  constructor(sha256: string) {
    super('store.blob-missing', `The stored file ${sha256} is missing from the data directory`, { sha256 });
  }
}

export class BlobTamperedError extends CodedError {
  constructor(sha256: string, reason: string) {
    super('store.blob-tampered', `The stored file ${sha256} fails its integrity check (${reason}): it was altered or damaged on disk`, {
      sha256,
      reason,
    });
  }
}
