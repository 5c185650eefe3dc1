import { CodedError } from '../../shared/errors';

export class SignerBadPasswordError extends CodedError {
  constructor(details?: Record<string, unknown>) {
    super('signer.bad-password', 'The password of the certificate file is wrong', details);
  }
}

export class SignerFileUnreadableError extends CodedError {
  constructor(reason: string, details?: Record<string, unknown>) {
    super('signer.file-unreadable', `The certificate file cannot be read: ${reason}`, details);
  }
}

export class SignerTokenAbsentError extends CodedError {
  constructor(details?: Record<string, unknown>) {
    super('signer.token-absent', 'No signing token is plugged in (or none with the expected label)', details);
  }
}

export class SignerBadPinError extends CodedError {
  constructor(details?: Record<string, unknown>) {
    super('signer.bad-pin', 'The PIN of the signing token is wrong', details);
  }
}

export class SignerPinLockedError extends CodedError {
  constructor(details?: Record<string, unknown>) {
    super('signer.pin-locked', 'The signing token is locked after too many wrong PINs', details);
  }
}

export class SignerKeyMissingError extends CodedError {
  constructor(details?: Record<string, unknown>) {
    super('signer.key-missing', 'The token or file holds no private key with a matching certificate', details);
  }
}

export class SignerTokenError extends CodedError {
  constructor(reason: string, details?: Record<string, unknown>) {
    super('signer.token-error', `The signing token failed: ${reason}`, details);
  }
}

export class SignerCertExpiredError extends CodedError {
  constructor(notAfter: Date) {
    super('signer.cert-expired', `The signing certificate expired on ${notAfter.toISOString()}`, { notAfter: notAfter.toISOString() });
  }
}

export class SignerCertNotYetValidError extends CodedError {
  constructor(notBefore: Date) {
    super('signer.cert-not-yet-valid', `The signing certificate is not valid before ${notBefore.toISOString()}`, {
      notBefore: notBefore.toISOString(),
    });
  }
}

export class SignerCertUsageError extends CodedError {
  constructor() {
    super('signer.cert-usage', 'The certificate is not allowed to sign documents (no digitalSignature or nonRepudiation key usage)');
  }
}

export class SignatureSpaceError extends CodedError {
  constructor(needed: number, reserved: number) {
    super('signer.signature-too-large', `The signature needs ${needed} bytes but only ${reserved} were reserved`, { needed, reserved });
  }
}

/** The authority gave no usable timestamp: a record is then signed without one, and waits for it. */
export abstract class TimestampError extends CodedError {}

export class TimestampFailedError extends TimestampError {
  constructor(reason: string, details?: Record<string, unknown>) {
    super('signer.timestamp-failed', `The timestamp authority did not give a timestamp: ${reason}`, details);
  }
}

/** The authority answered with a token whose own signature does not verify: nothing of it is kept. */
export class TimestampInvalidError extends TimestampError {
  constructor(url: string) {
    super('signer.timestamp-invalid', "The timestamp authority's token does not verify: its signature is wrong", { url });
  }
}
