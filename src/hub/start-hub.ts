import { readFileSync } from 'node:fs';
import type { BlobStorage } from './blob-storage';
import { DirectoryBlobStorage } from './directory-blob-storage';
import { anchorFileIn } from './hub-audit-anchor';
import { parseS3Url, S3BlobStorage } from './s3-blob-storage';
import { buildHub, type Hub } from './hub-server';
import { createPool, migrateHub } from './hub-database';
import { PadesRecordVerifier } from './pades-record-verifier';
import type { RecordVerifier } from './record-verifier';
import { StructuralPdfVerifier } from './structural-pdf-verifier';
import { PooledPadesVerifier } from './verifier-pool';

export interface HubConfig {
  databaseUrl: string;
  /** A directory, or `s3://bucket/prefix` (then `spoolDir` holds uploads in progress). */
  blobsDir: string;
  spoolDir?: string;
  s3Endpoint?: string;
  s3Region?: string;
  host: string;
  port: number;
  tlsCertFile?: string;
  tlsKeyFile?: string;
  maxRecordBytes?: number;
  verifier: 'pades' | 'structural';
  /** The roots a record's signatures must chain to (PEM text, see `readTrustAnchors`); required for 'pades'. */
  trustAnchors: readonly string[];
  /** Worker threads for PAdES verification (default: one fewer than the cores, at least one). */
  verifyWorkers?: number;
  /** The file that keeps the audit log's head outside PostgreSQL (default: `hub-audit-anchor.json` in the blob directory, or the S3 spool). */
  auditAnchorFile?: string;
  logger: boolean;
}

export interface RunningHub {
  hub: Hub;
  url: string;
  close(): Promise<void>;
}

export function verifierNamed(name: HubConfig['verifier'], trustAnchors: readonly string[]): RecordVerifier {
  return name === 'pades' ? new PadesRecordVerifier(trustAnchors) : new StructuralPdfVerifier();
}

export interface BlobsConfig {
  blobs: BlobStorage;
  /** Where uploads in progress and received bags wait (shared by the hub's instances). */
  spoolDir: string;
  close(): void;
}

/** The blob storage a `--blobs` value names: a directory (which also holds the spool), or an S3-compatible bucket. */
export function blobStorageFor(config: Pick<HubConfig, 'blobsDir' | 'spoolDir' | 's3Endpoint' | 's3Region'>): BlobsConfig {
  const s3 = parseS3Url(config.blobsDir);
  if (!s3) {
    if (config.blobsDir.startsWith('s3:')) throw new Error(`Not an s3://bucket/prefix address: ${config.blobsDir}`);
    return { blobs: new DirectoryBlobStorage(config.blobsDir), spoolDir: config.spoolDir ?? config.blobsDir, close: () => undefined };
  }
  if (!config.spoolDir) throw new Error('Blobs in S3 need a local spool directory for uploads in progress');
  const blobs = new S3BlobStorage({ ...s3, endpoint: config.s3Endpoint, region: config.s3Region });
  return { blobs, spoolDir: config.spoolDir, close: () => blobs.close() };
}

/** Opens PostgreSQL, applies migrations, and listens. */
export async function startHub(config: HubConfig): Promise<RunningHub> {
  const storage = blobStorageFor(config);
  const verifier =
    config.verifier === 'pades' ? new PooledPadesVerifier(config.trustAnchors, config.verifyWorkers) : new StructuralPdfVerifier();
  const pool = createPool(config.databaseUrl);
  try {
    await migrateHub(pool);
    const tls =
      config.tlsCertFile && config.tlsKeyFile
        ? { cert: readFileSync(config.tlsCertFile), key: readFileSync(config.tlsKeyFile) }
        : undefined;
    const hub = await buildHub({
      pool,
      blobsDir: storage.spoolDir,
      blobs: storage.blobs,
      tls,
      maxRecordBytes: config.maxRecordBytes,
      verifier,
      auditAnchorFile: config.auditAnchorFile ?? anchorFileIn(storage.spoolDir),
      logger: config.logger,
    });
    await hub.app.listen({ host: config.host, port: config.port });
    const address = hub.app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    return {
      hub,
      url: `${tls ? 'https' : 'http'}://${config.host}:${port}`,
      async close() {
        await hub.close();
        await pool.end();
        storage.close();
        if (verifier instanceof PooledPadesVerifier) await verifier.close();
      },
    };
  } catch (e) {
    await pool.end();
    storage.close();
    if (verifier instanceof PooledPadesVerifier) await verifier.close();
    throw e;
  }
}
