import type { Readable } from 'node:stream';

/** Where the hub keeps record bytes, by SHA-256. A directory here; S3-compatible storage is another implementation. */
export interface BlobStorage {
  has(sha256: string): Promise<boolean>;
  /**
   * Takes a verified file (whose bytes hash to `sha256`) into storage; idempotent (storing it again changes nothing).
   * `move` lets it take the file itself (an upload the hub owns) rather than a copy (a bag's file).
   */
  adoptFile(sha256: string, path: string, options?: { move: boolean }): Promise<void>;
  /** Stores verified bytes (that hash to `sha256`); idempotent. */
  putBytes(sha256: string, bytes: Uint8Array): Promise<void>;
  read(sha256: string): Readable;
}
