import { CodedError } from '../../shared/errors';

/** The certificate file the administrator configured (`signing.p12-path`) is missing or cannot be read. */
export class SignerConfiguredFileUnreadableError extends CodedError {
  constructor(path: string, reason: string) {
    super('signer.configured-file-unreadable', `The configured certificate file ${path} cannot be read: ${reason}`, { path, reason });
  }
}

/** Nothing to open: no certificate file or token is configured, and none was given. */
export class SignerNotConfiguredError extends CodedError {
  constructor(source: 'file' | 'pkcs11') {
    super('signer.not-configured', `No ${source === 'file' ? 'certificate file' : 'PKCS#11 module'} is configured (Settings › Signing)`, {
      source,
    });
  }
}

/** The administrator allows only the configured certificate file (`signing.other-file` = refused). */
export class SignerOtherFileRefusedError extends CodedError {
  constructor() {
    super('signer.other-file-refused', 'Only the configured certificate file may be used on this workstation (signing.other-file)');
  }
}

/**
 * A signed-in caller named a PKCS#11 module other than the configured one (`signing.pkcs11-module`).
 * The module is a shared library the engine loads into its own process: only the administrator
 * chooses it; the command line's `--pkcs11 MODULE` is the local operator's.
 */
export class SignerModuleRefusedError extends CodedError {
  constructor(modulePath: string) {
    super('signer.module-refused', `Only the configured PKCS#11 module may be loaded (signing.pkcs11-module), not ${modulePath}`, {
      modulePath,
    });
  }
}
