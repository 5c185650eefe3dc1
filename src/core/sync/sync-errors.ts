import { CodedError } from '../../shared/errors';

export class NotEnrolledError extends CodedError {
  constructor() {
    super(
      'sync.not-enrolled',
      'This workstation has no hub credential: run `sohoa sync --enroll CODE --hub URL` with a code from the hub administrator',
    );
  }
}

export class HubUnreachableError extends CodedError {
  constructor(url: string, cause: string) {
    super('sync.hub-unreachable', `The hub at ${url} cannot be reached: ${cause}`, { url, cause });
  }
}

/** The hub answered with a coded refusal; `status` is its HTTP status. */
export class HubRefusedError extends CodedError {
  constructor(
    code: string,
    message: string,
    readonly status: number,
    details?: Record<string, unknown>,
  ) {
    super(code, message, details);
  }
}

export class LocalRecordCorruptError extends CodedError {
  constructor(recordId: number, expected: string) {
    super('sync.local-corrupt', `Record ${recordId}'s PDF on this workstation no longer hashes to ${expected}`, { recordId, expected });
  }
}

export class LocalRecordMissingError extends CodedError {
  constructor(recordId: number, sha256: string) {
    super('sync.local-missing', `Record ${recordId}'s PDF ${sha256} is not in the blob store`, { recordId, sha256 });
  }
}
