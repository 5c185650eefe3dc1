import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { subkey, type DataKey } from '../security/data-key';
import { BlobMissingError, BlobTamperedError } from './blob-errors';
import { durableWrite } from './durable-write';

/** Where page images, OCR text and PDFs live, by the SHA-256 of their bytes (in clear). */
export interface BlobStore {
  put(bytes: Uint8Array): string;
  /** The bytes in clear; a coded error when the file is missing or fails its integrity check. */
  get(sha256: string): Buffer;
  has(sha256: string): boolean;
  /** The file as stored (encrypted): for copying and checking, never for reading the content. */
  pathOf(sha256: string): string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `SOHB`, format version, 12-byte nonce; then the AES-256-GCM ciphertext and its 16-byte tag. */
const MAGIC = Buffer.from('SOHB', 'latin1');
const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 1 + NONCE_BYTES;
/** Blobs up to this size are read through the store's reused buffer. */
const SCRATCH_BYTES = 1024 * 1024;

/**
 * Blobs under `blobs/ab/cd/<sha256>`, encrypted with AES-256-GCM under a key derived from the data
 * key; the header and the name are authenticated too, so a file swapped under another name fails.
 * A blob is written to a temp file, fsynced and renamed into place, so a crash leaves at worst an
 * orphan temp file, never a half-written blob.
 */
export class FileBlobStore implements BlobStore {
  private readonly key: Buffer;
  private scratch: Buffer | undefined;

  constructor(
    private readonly root: string,
    dataKey: DataKey,
  ) {
    this.key = subkey(dataKey, 'blobs');
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  put(bytes: Uint8Array): string {
    const hash = sha256Hex(bytes);
    const target = this.pathOf(hash);
    if (existsSync(target)) return hash;
    durableWrite(target, this.seal(hash, bytes));
    return hash;
  }

  get(sha256: string): Buffer {
    let fd: number;
    try {
      fd = openSync(this.pathOf(sha256), 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobMissingError(sha256);
      throw e;
    }
    try {
      // The sealed bytes never leave this call (what it returns is the decipher's own output), so a
      // small blob is read into one buffer kept for the next: reading thousands of records in a sync
      // run otherwise spends more in garbage collection than in decrypting.
      const size = fstatSync(fd).size;
      const stored =
        size <= SCRATCH_BYTES ? (this.scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES)).subarray(0, size) : Buffer.allocUnsafe(size);
      let offset = 0;
      while (offset < size) {
        const n = readSync(fd, stored, offset, size - offset, offset);
        if (n === 0) break;
        offset += n;
      }
      return this.open(sha256, stored.subarray(0, offset));
    } finally {
      closeSync(fd);
    }
  }

  /** Encrypts, in place and once, the blobs an earlier version wrote in clear. Returns how many. */
  encryptPlainFiles(): number {
    let count = 0;
    for (const path of walk(this.root)) {
      const name = path.split(/[\\/]/).at(-1)!;
      if (name.endsWith('.tmp')) {
        unlinkSync(path);
        continue;
      }
      if (!/^[0-9a-f]{64}$/.test(name) || isSealed(path)) continue;
      durableWrite(path, this.seal(name, readFileSync(path)));
      count++;
    }
    return count;
  }

  private seal(sha256: string, bytes: Uint8Array): Buffer {
    const header = Buffer.concat([MAGIC, Buffer.from([VERSION]), randomBytes(NONCE_BYTES)]);
    const cipher = createCipheriv('aes-256-gcm', this.key, header.subarray(MAGIC.length + 1));
    cipher.setAAD(Buffer.concat([header, Buffer.from(sha256, 'latin1')]));
    return Buffer.concat([header, cipher.update(bytes), cipher.final(), cipher.getAuthTag()]);
  }

  private open(sha256: string, stored: Buffer): Buffer {
    if (stored.length < HEADER_BYTES + TAG_BYTES || !stored.subarray(0, MAGIC.length).equals(MAGIC))
      throw new BlobTamperedError(sha256, 'not a SoHoa blob');
    if (stored[MAGIC.length] !== VERSION) throw new BlobTamperedError(sha256, `unknown format version ${stored[MAGIC.length]}`);
    const header = stored.subarray(0, HEADER_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, header.subarray(MAGIC.length + 1));
    decipher.setAAD(Buffer.concat([header, Buffer.from(sha256, 'latin1')]));
    decipher.setAuthTag(stored.subarray(stored.length - TAG_BYTES));
    try {
      const clear = decipher.update(stored.subarray(HEADER_BYTES, stored.length - TAG_BYTES));
      const rest = decipher.final(); // empty for GCM, which is a stream cipher
      return rest.length === 0 ? clear : Buffer.concat([clear, rest]);
    } catch {
      throw new BlobTamperedError(sha256, 'authentication tag mismatch');
    }
  }
}

function isSealed(path: string): boolean {
  const head = Buffer.alloc(MAGIC.length);
  const fd = openSync(path, 'r');
  try {
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(MAGIC);
  } finally {
    closeSync(fd);
  }
}

function* walk(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}
