import { accessSync, constants, statSync } from 'node:fs';
import type { ConfiguredSigner } from '../../shared/types';
import type { WorkstationSettings } from '../settings/workstation-settings';

/** The signing source as Settings › Signing configures it; the configured file is checked for reading, not opened. */
export function configuredSigner(settings: WorkstationSettings): ConfiguredSigner {
  const p12Path = settings.text('signing.p12-path') || null;
  return {
    source: settings.text('signing.source') === 'pkcs11' ? 'pkcs11' : 'file',
    p12Path,
    p12Problem: p12Path && unreadableReason(p12Path) ? 'signer.configured-file-unreadable' : null,
    modulePath: settings.text('signing.pkcs11-module') || null,
    tokenLabel: settings.text('signing.token-label') || null,
    otherFileAllowed: settings.text('signing.other-file') !== 'refused',
  };
}

/** Why a file cannot be read (ENOENT, EACCES, not a file), or null when it can. */
export function unreadableReason(path: string): string | null {
  try {
    accessSync(path, constants.R_OK);
    return statSync(path).isFile() ? null : 'not a file';
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  }
}
