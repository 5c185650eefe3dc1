import type { IncomingMessage } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type pg from 'pg';
import { ZodError } from 'zod';
import {
  AUDIT_HEAD_PATH,
  AuditHead,
  type AuditHeadAnswer,
  BATCH_UPLOAD,
  CommitRequest,
  DIRECT_UPLOAD,
  type BatchResponse,
  EnrollRequest,
  RecordDescriptor,
  SHA256,
  UPLOAD_METADATA,
  type Receipt,
} from '../shared/sync-protocol';
import { AuditHeadRepository } from './audit-head-repository';
import type { BlobStorage } from './blob-storage';
import { CredentialRepository, type Principal } from './credential-repository';
import { HubAuditAnchor } from './hub-audit-anchor';
import { HubAuditLog } from './hub-audit-log';
import { CodedError } from '../shared/errors';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from '../core/sync/bag-zip';
import { ingestZippedBagIntoHub, type BagIngestResult } from './bag-ingest';
import { receiveBagUpload } from './bag-upload';
import { acceptBatchUpload } from './batch-upload';
import { acceptDirectUpload } from './direct-upload';
import { HubHandBackRepository } from './hub-hand-back-repository';
import { DirectoryBlobStorage } from './directory-blob-storage';
import { HubRecordRepository } from './hub-record-repository';
import { PgAdvisoryLocker } from './pg-advisory-locker';
import { RecordIntake } from './record-intake';
import { ProgressFolder } from './progress-folder';
import { RecordCommitter } from './record-committer';
import type { RecordVerifier } from './record-verifier';
import { StructuralPdfVerifier } from './structural-pdf-verifier';
import {
  BadRequestError,
  ForbiddenError,
  HubError,
  TooLargeError,
  UnauthorizedError,
  UploadIncompleteError,
  UploadNotFoundError,
} from './sync-errors';
import { createTusServer, TUS_PATH } from './tus-uploads';

export const DEFAULT_MAX_RECORD_BYTES = 200 * 1024 * 1024;

export interface HubOptions {
  pool: pg.Pool;
  /** The blob directory; with `blobs` given, only where uploads in progress and received bags wait. */
  blobsDir: string;
  blobs?: BlobStorage;
  verifier?: RecordVerifier;
  maxRecordBytes?: number;
  /** Limits on a zipped bag sent to POST /bags (its size as sent is held to `maxTotalBytes` too). */
  bagLimits?: ZipLimits;
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** How long an unfinished tus upload is kept (7 days by default) and how often expired ones are removed (hourly). */
  uploadExpiryMs?: number;
  uploadSweepMs?: number;
  /** The file outside PostgreSQL that keeps the hub's audit log head (hub-audit-anchor.ts); none: not anchored. */
  auditAnchorFile?: string;
  /** Fastify's pino logger (JSON lines); off in tests unless asked. */
  logger?: boolean | { level: string };
}

export interface Hub {
  app: FastifyInstance;
  credentials: CredentialRepository;
  records: HubRecordRepository;
  auditHeads: AuditHeadRepository;
  intake: RecordIntake;
  /** Removes the unfinished uploads past their expiry; returns how many. Runs on a timer too. */
  sweepUploads(): Promise<number>;
  close(): Promise<void>;
}

export const DEFAULT_UPLOAD_EXPIRY_MS = 7 * 24 * 3600 * 1000;

function parseDeclaredRecord(json: string): RecordDescriptor {
  try {
    return RecordDescriptor.parse(JSON.parse(json));
  } catch {
    throw new BadRequestError('Upload-Metadata `record` is not a record descriptor');
  }
}

const PUBLIC_ROUTES = new Set(['/healthz', '/enroll']);

/** The hub's HTTP API: enrollment, tus uploads, record commit, progress. Holds no state of its own. */
export async function buildHub(options: HubOptions): Promise<Hub> {
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const auditLog = new HubAuditLog(options.auditAnchorFile ? new HubAuditAnchor(options.auditAnchorFile) : null);
  // A hub anchored for the first time (or started after appends made without the anchor) anchors its head now.
  await auditLog.anchorHead(options.pool);
  const credentials = new CredentialRepository(options.pool, auditLog);
  const records = new HubRecordRepository(options.pool);
  const auditHeads = new AuditHeadRepository(options.pool);
  const blobs = options.blobs ?? new DirectoryBlobStorage(options.blobsDir);
  const handBacks = new HubHandBackRepository(options.pool);
  // The figures each commit appends, folded into the kept rows in the background (progress-folder.ts).
  const folder = new ProgressFolder(options.pool, { onError: (e) => app.log.error(e, 'folding the pending province figures failed') });
  folder.start();
  const intake = new RecordIntake({
    records,
    commits: new RecordCommitter(options.pool, folder),
    blobs,
    verifier: options.verifier ?? new StructuralPdfVerifier(),
    maxRecordBytes,
  });
  const uploadDir = join(options.blobsDir, 'tus');
  mkdirSync(uploadDir, { recursive: true });
  const principals = new WeakMap<IncomingMessage, Principal>();
  const locker = new PgAdvisoryLocker(options.pool);
  await locker.start();
  const tus = createTusServer({
    directory: uploadDir,
    locker,
    maxRecordBytes,
    expiryMs: options.uploadExpiryMs ?? DEFAULT_UPLOAD_EXPIRY_MS,
    principalOf: (req) => principals.get(req),
    async onFinished(principal, upload) {
      const declared = upload.metadata?.[UPLOAD_METADATA.record];
      if (!declared) return undefined; // committed later by POST /records/commit
      try {
        const record = parseDeclaredRecord(declared);
        const receipt = await intake.acceptFile(principal.workstationId, record, join(uploadDir, upload.id), 'upload');
        return { status_code: 200, body: JSON.stringify(receipt), headers: { 'content-type': 'application/json' } };
      } catch (e) {
        if (e instanceof HubError) throw { status_code: e.status, body: JSON.stringify(e.toData()) };
        throw e;
      } finally {
        await tus.discard(upload.id);
      }
    },
  });

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 64 * 1024,
    ...(options.tls ? { https: options.tls } : {}),
  } as Parameters<typeof Fastify>[0]) as unknown as FastifyInstance;

  app.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) => done(null));
  app.addContentTypeParser(DIRECT_UPLOAD.contentType, (_req, _payload, done) => done(null));
  app.addContentTypeParser(BATCH_UPLOAD.contentType, (_req, _payload, done) => done(null));
  app.addContentTypeParser('application/zip', (_req, _payload, done) => done(null));

  app.addHook('onRequest', async (req) => {
    const path = req.url.split('?')[0]!;
    if (PUBLIC_ROUTES.has(path)) return;
    principals.set(req.raw, await credentials.authenticate(req.headers.authorization));
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, req, reply) => {
    if (error instanceof HubError) return reply.status(error.status).send(error.toData());
    if (error instanceof CodedError && error.code.startsWith('bag.'))
      return reply.status(422).send({ code: error.code, message: error.message, details: error.details });
    if (error instanceof ZodError)
      return reply.status(400).send(new BadRequestError('body does not match the protocol', { issues: error.issues.slice(0, 5) }).toData());
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.status(413).send(new TooLargeError(64 * 1024).toData());
    if (error.statusCode && error.statusCode < 500) return reply.status(error.statusCode).send(new BadRequestError(error.message).toData());
    req.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ code: 'hub.internal', message: 'Internal hub error' });
  });

  const workstationOf = (req: FastifyRequest): Principal => {
    const p = principals.get(req.raw);
    if (!p) throw new UnauthorizedError('no bearer token');
    if (p.role !== 'workstation') throw new ForbiddenError('only workstations send records');
    return p;
  };

  let expiredRemoved = 0;
  const sweepUploads = async () => {
    const removed = await tus.server.cleanUpExpiredUploads();
    expiredRemoved += removed;
    return removed;
  };
  const sweeper = setInterval(() => void sweepUploads().catch(() => undefined), options.uploadSweepMs ?? 3_600_000).unref();

  app.get('/healthz', async () => {
    await options.pool.query('SELECT 1');
    return { ok: true, uploads: { unfinished: await tus.unfinished(), expiredRemoved } };
  });

  app.post('/enroll', async (req) => {
    const body = EnrollRequest.parse(req.body);
    return credentials.enroll(body.code, body.name);
  });

  app.get('/progress', async () => ({ ...(await records.progress()), handBacks: await handBacks.counts() }));

  app.post(AUDIT_HEAD_PATH, async (req, reply) => {
    const p = workstationOf(req);
    await auditHeads.record(p.workstationId, AuditHead.parse(req.body));
    return reply.status(204).send();
  });

  app.get(AUDIT_HEAD_PATH, async (req): Promise<AuditHeadAnswer> => ({ head: await auditHeads.latest(workstationOf(req).workstationId) }));

  app.post('/records/commit', async (req): Promise<Receipt> => {
    const p = workstationOf(req);
    const { record, uploadId } = CommitRequest.parse(req.body);
    if (!uploadId) return intake.acceptKnown(p.workstationId, record);
    const existing = await intake.existing(p.workstationId, record);
    if (existing) return existing;
    const upload = await tus.store.getUpload(uploadId).catch(() => undefined);
    if (!upload || upload.metadata?.workstation !== p.workstationId) throw new UploadNotFoundError(uploadId);
    if (upload.size === undefined || upload.offset !== upload.size) throw new UploadIncompleteError(upload.offset, upload.size ?? -1);
    try {
      const receipt = await intake.acceptFile(p.workstationId, record, join(uploadDir, uploadId), 'upload');
      req.log.info(
        { workstation: p.workstationId, documentKey: record.documentKey, version: record.version, duplicate: receipt.duplicate },
        'record committed',
      );
      return receipt;
    } finally {
      await tus.discard(uploadId);
    }
  });

  app.put<{ Params: { sha256: string } }>(`${DIRECT_UPLOAD.path}/:sha256`, async (req): Promise<Receipt> => {
    const p = workstationOf(req);
    if (!SHA256.safeParse(req.params.sha256).success) throw new BadRequestError('the path does not end in a SHA-256');
    if (req.headers['content-type'] !== DIRECT_UPLOAD.contentType)
      throw new BadRequestError(`a direct upload is sent as ${DIRECT_UPLOAD.contentType}`);
    const receipt = await acceptDirectUpload(intake, p.workstationId, req.raw, req.params.sha256, maxRecordBytes);
    req.log.info(
      { workstation: p.workstationId, documentKey: receipt.documentKey, version: receipt.version, duplicate: receipt.duplicate },
      'record committed',
    );
    return receipt;
  });

  app.post(BATCH_UPLOAD.path, async (req): Promise<BatchResponse> => {
    const p = workstationOf(req);
    if (req.headers['content-type'] !== BATCH_UPLOAD.contentType)
      throw new BadRequestError(`a batch is sent as ${BATCH_UPLOAD.contentType}`);
    const answer = await acceptBatchUpload(intake, p.workstationId, req.raw);
    const refused = answer.results.filter((r) => 'error' in r).length;
    req.log.info({ workstation: p.workstationId, records: answer.results.length, refused }, 'batch committed');
    return answer;
  });

  const bagLimits = options.bagLimits ?? DEFAULT_ZIP_LIMITS;
  const bagDir = join(options.blobsDir, 'bag-uploads');
  mkdirSync(bagDir, { recursive: true });
  app.post('/bags', async (req): Promise<BagIngestResult> => {
    const p = workstationOf(req);
    if (req.headers['content-type'] !== 'application/zip') throw new BadRequestError('a bag is sent as application/zip');
    const result = await receiveBagUpload(req.raw, bagDir, bagLimits.maxTotalBytes, (zipPath) =>
      ingestZippedBagIntoHub(zipPath, { intake, credentials, sender: p.workstationId }, bagLimits, bagDir),
    );
    req.log.info({ workstation: p.workstationId, accepted: result.accepted.length, rejected: result.rejected.length }, 'bag ingested');
    return result;
  });

  const tusRoute = async (req: FastifyRequest, reply: FastifyReply) => {
    reply.hijack();
    await tus.server.handle(req.raw, reply.raw);
  };
  app.all(TUS_PATH, tusRoute);
  app.all(`${TUS_PATH}/*`, tusRoute);

  return {
    app,
    credentials,
    records,
    auditHeads,
    intake,
    sweepUploads,
    async close() {
      clearInterval(sweeper);
      await app.close();
      await folder.stop();
      await locker.stop();
    },
  };
}
