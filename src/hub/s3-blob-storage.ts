import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { PassThrough, Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { BlobStorage } from './blob-storage';
import { BlobStorageUnavailableError } from './sync-errors';

export interface S3Location {
  bucket: string;
  /** Key prefix, without leading or trailing slash; '' for the bucket's root. */
  prefix: string;
}

export interface S3BlobStorageOptions extends S3Location {
  /** An S3-compatible endpoint (MinIO, Ceph, …); AWS itself when absent. */
  endpoint?: string;
  region?: string;
  /** Explicit credentials; otherwise the SDK's standard chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profiles…). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Reads `s3://bucket/some/prefix`; undefined when the text is not an s3:// address. */
export function parseS3Url(text: string): S3Location | undefined {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(text);
  if (!m) return undefined;
  return { bucket: m[1]!, prefix: (m[2] ?? '').replace(/^\/+|\/+$/g, '') };
}

const isNotFound = (e: unknown) =>
  e instanceof S3ServiceException && (e.$metadata.httpStatusCode === 404 || e.name === 'NotFound' || e.name === 'NoSuchKey');

/**
 * Blobs as objects `<prefix>/<sha256>` in an S3-compatible bucket. The hub verifies the bytes (hash,
 * signature) before it stores them, so an object is only ever put once verified: no temp key. The
 * put declares the SHA-256 (x-amz-checksum-sha256), so a store that checks it refuses bytes damaged
 * on the way; two hub instances putting the same blob write the same bytes under the same key.
 */
export class S3BlobStorage implements BlobStorage {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly endpoint: string;

  constructor(options: S3BlobStorageOptions) {
    this.bucket = options.bucket;
    this.prefix = options.prefix;
    this.endpoint = options.endpoint ?? 's3.amazonaws.com';
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
      credentials: options.credentials,
      forcePathStyle: Boolean(options.endpoint),
      // Newer SDKs add CRC32 checksums and aws-chunked bodies by default, which many S3-compatible
      // stores refuse; the SHA-256 declared on each put is checksum enough.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  keyOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    return this.prefix ? `${this.prefix}/${sha256}` : sha256;
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }));
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw this.unavailable(e);
    }
  }

  // No HEAD before a put: putting bytes already held writes the same bytes under the same key, and
  // the hub only gets here for a version it does not hold yet (one round trip instead of two).
  async adoptFile(sha256: string, path: string, options = { move: false }): Promise<void> {
    const { size } = await stat(path);
    await this.put(sha256, createReadStream(path), size);
    if (options.move) await rm(path, { force: true });
  }

  async putBytes(sha256: string, bytes: Uint8Array): Promise<void> {
    await this.put(sha256, bytes, bytes.length);
  }

  read(sha256: string): Readable {
    const out = new PassThrough();
    this.client
      .send(new GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }))
      .then(({ Body }) => {
        if (!(Body instanceof Readable)) throw new Error('the S3 answer has no body stream');
        Body.on('error', (e) => out.destroy(e));
        Body.pipe(out);
      })
      .catch((e: unknown) =>
        out.destroy(isNotFound(e) ? Object.assign(new Error(`No blob ${sha256}`), { code: 'ENOENT' }) : this.unavailable(e)),
      );
    return out;
  }

  close(): void {
    this.client.destroy();
  }

  private async put(sha256: string, body: Uint8Array | Readable, size: number): Promise<void> {
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.keyOf(sha256),
          Body: body,
          ContentLength: size,
          ContentType: 'application/pdf',
          ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
        }),
      );
    } catch (e) {
      throw this.unavailable(e);
    }
  }

  private unavailable(e: unknown): Error {
    return new BlobStorageUnavailableError(`s3://${this.bucket}/${this.prefix} at ${this.endpoint}`, (e as Error).message);
  }
}
