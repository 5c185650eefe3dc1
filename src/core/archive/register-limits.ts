import * as yauzl from 'yauzl';
import { CodedError } from '../../shared/errors';

/**
 * What a register may hold before it is refused unread: a whole province's register is a few MB,
 * and Excel itself keeps a cell to 32,767 characters. An XLSX is a zip, so its parts are counted
 * as they inflate, before the workbook reader sees them.
 */
export const REGISTER_LIMITS = { maxFileBytes: 64 * 1024 ** 2, maxCellChars: 32_767, maxInflatedBytes: 128 * 1024 ** 2, maxRatio: 100, ratioFloorBytes: 16 * 1024 ** 2, maxEntries: 1_000 };

export class RegisterTooLargeError extends CodedError {
  constructor(path: string, reason: string, details: Record<string, unknown> = {}) {
    super('register.too-large', `${path}: the register is refused, ${reason}`, { path, ...details });
  }
}

export function checkRegisterSize(bytes: Uint8Array, path: string): void {
  if (bytes.length > REGISTER_LIMITS.maxFileBytes) throw new RegisterTooLargeError(path, `${bytes.length} bytes is over the ${REGISTER_LIMITS.maxFileBytes} limit`, { bytes: bytes.length });
}

/** Inflates every part of an XLSX without keeping it, refusing the file past the limits; a damaged zip is left for the reader to report. */
export async function checkXlsxInflation(bytes: Uint8Array, path: string): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes), { lazyEntries: true, validateEntrySizes: true });
  } catch {
    return;
  }
  if (zip.entryCount > REGISTER_LIMITS.maxEntries) throw new RegisterTooLargeError(path, `its workbook has ${zip.entryCount} parts`);
  let total = 0;
  const cap = Math.min(REGISTER_LIMITS.maxInflatedBytes, REGISTER_LIMITS.maxRatio * bytes.length + REGISTER_LIMITS.ratioFloorBytes);
  const tooLarge = () => new RegisterTooLargeError(path, `its workbook inflates past ${cap} bytes`, { limit: cap });
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', () => resolve());
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        if (total + entry.uncompressedSize > cap) return reject(tooLarge());
        zip.openReadStream(entry, (err, stream) => {
          if (err) return resolve();
          stream.on('data', (chunk: Buffer) => {
            total += chunk.length;
            if (total > cap) {
              stream.destroy();
              reject(tooLarge());
            }
          });
          stream.on('error', () => resolve());
          stream.on('end', () => zip.readEntry());
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}
