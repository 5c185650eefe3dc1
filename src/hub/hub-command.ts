import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { isZipPath } from '../core/sync/bag-zip';
import { readTrustAnchors } from '../core/record/trust-anchors';
import { ingestBagIntoHub, ingestZippedBagIntoHub } from './bag-ingest';
import { CredentialRepository } from './credential-repository';
import { createPool, migrateHub } from './hub-database';
import { HubRecordRepository } from './hub-record-repository';
import { DEFAULT_MAX_RECORD_BYTES } from './hub-server';
import { HubUsageError } from './hub-usage';
import { RecordIntake } from './record-intake';
import { RecordCommitter } from './record-committer';
import { anchorFileIn, HubAuditAnchor } from './hub-audit-anchor';
import { HubAuditLog, type HubAuditVerdict } from './hub-audit-log';
import { ERROR_CODES } from '../shared/error-codes';
import { aggregateDifferences, describeAggregateDifference, rebuildAggregates } from './progress-aggregate-check';
import { foldPendingFigures } from './progress-figure-fold';
import { parseS3Url } from './s3-blob-storage';
import { blobStorageFor, startHub, verifierNamed } from './start-hub';

/** Where the hub writes: a line at a time. */
export interface HubIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const options = {
  db: { type: 'string' },
  blobs: { type: 'string' },
  spool: { type: 'string' },
  's3-endpoint': { type: 'string' },
  's3-region': { type: 'string' },
  port: { type: 'string', default: '8787' },
  host: { type: 'string', default: '127.0.0.1' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'max-record-mb': { type: 'string' },
  verifier: { type: 'string', default: 'pades' },
  trust: { type: 'string', multiple: true },
  role: { type: 'string', default: 'workstation' },
  quiet: { type: 'boolean', default: false },
  verify: { type: 'boolean', default: false },
  rebuild: { type: 'boolean', default: false },
  audit: { type: 'boolean', default: false },
  'audit-anchor': { type: 'string' },
} as const;

/** Who acts at the command line, as the hub's audit log names them. */
const cliActor = () => `cli:${userInfo().username}`;

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new HubUsageError((e as Error).message.split('\n')[0]!.replace(/\. To specify a positional.*$/, ''));
  }
}

type Values = ReturnType<typeof parse>['values'];

function required(values: Values, name: 'db' | 'blobs'): string {
  const v = values[name];
  if (!v) throw new HubUsageError(`--${name} is required`);
  return v;
}

/** `--blobs` as a directory or `s3://bucket/prefix` (with `--spool DIR`, `--s3-endpoint URL`); credentials from the AWS environment. */
function blobsOf(values: Values): { blobsDir: string; spoolDir?: string; s3Endpoint?: string; s3Region?: string } {
  const blobsDir = required(values, 'blobs');
  const s3 = parseS3Url(blobsDir);
  if (!s3 && blobsDir.startsWith('s3:')) throw new HubUsageError('--blobs s3://… must read s3://bucket/prefix');
  if (s3 && !values.spool) throw new HubUsageError('--blobs s3://… needs --spool DIR for uploads in progress');
  if (!s3 && (values['s3-endpoint'] || values['s3-region']))
    throw new HubUsageError('--s3-endpoint and --s3-region go with --blobs s3://…');
  if (values['s3-endpoint'] && !/^https?:\/\//.test(values['s3-endpoint']))
    throw new HubUsageError('--s3-endpoint must be an http(s):// URL');
  return { blobsDir, spoolDir: values.spool, s3Endpoint: values['s3-endpoint'], s3Region: values['s3-region'] };
}

/** `--audit-anchor FILE`, or the hub's default beside its data when `--blobs` (and `--spool` for S3) are given; none otherwise. */
function anchorOf(values: Values): HubAuditAnchor | null {
  if (values['audit-anchor']) return new HubAuditAnchor(values['audit-anchor']);
  if (!values.blobs) return null;
  const dataDir = parseS3Url(values.blobs) ? values.spool : values.blobs;
  return dataDir ? new HubAuditAnchor(anchorFileIn(dataDir)) : null;
}

function verifierOf(values: Values): 'pades' | 'structural' {
  if (values.verifier !== 'pades' && values.verifier !== 'structural') throw new HubUsageError('--verifier must be pades or structural');
  return values.verifier;
}

/** `--trust FILE|DIR` (repeatable): the roots records must chain to; the PAdES verifier needs at least one. */
function trustOf(values: Values, verifier: 'pades' | 'structural'): string[] {
  const anchors = readTrustAnchors(values.trust ?? []);
  if (verifier === 'pades' && anchors.length === 0)
    throw new HubUsageError('--trust FILE|DIR is required: the certificates records must chain to (PEM files, or a folder of them)');
  return anchors;
}

function maxBytesOf(values: Values): number {
  if (!values['max-record-mb']) return DEFAULT_MAX_RECORD_BYTES;
  const mb = Number(values['max-record-mb']);
  if (!(mb > 0)) throw new HubUsageError('--max-record-mb must be a positive number');
  return Math.round(mb * 1024 * 1024);
}

async function serve(values: Values, io: HubIo): Promise<number> {
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new HubUsageError('--port must be 0–65535');
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) throw new HubUsageError('--tls-cert and --tls-key go together');
  const running = await startHub({
    databaseUrl: required(values, 'db'),
    ...blobsOf(values),
    host: values.host!,
    port,
    tlsCertFile: values['tls-cert'],
    tlsKeyFile: values['tls-key'],
    maxRecordBytes: maxBytesOf(values),
    verifier: verifierOf(values),
    trustAnchors: trustOf(values, verifierOf(values)),
    auditAnchorFile: values['audit-anchor'],
    logger: !values.quiet,
  });
  io.err(`hub listening on ${running.url}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  await running.close();
  return 0;
}

async function withPool<T>(values: Values, fn: (pool: ReturnType<typeof createPool>) => Promise<T>): Promise<T> {
  const pool = createPool(required(values, 'db'));
  try {
    await migrateHub(pool);
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

/**
 * `hub --verify [--rebuild]`: every figure /progress reads, recounted from the records; each difference
 * on its own line and exit 1 on any. With --rebuild, the figures are filled again from the records
 * (commits wait meanwhile) and checked once more.
 */
async function verify(values: Values, io: HubIo): Promise<number> {
  return withPool(values, async (pool) => {
    // The check reads kept and pending figures alike; folded first, a drifted kept row shows with what it should hold.
    await foldPendingFigures(pool);
    const differences = await aggregateDifferences(pool);
    for (const d of differences) io.out(describeAggregateDifference(d));
    if (differences.length === 0) {
      io.out('Số liệu tổng hợp khớp với đếm lại / the province figures match a full recount');
      return 0;
    }
    io.err(
      `${differences.length} khác biệt giữa số liệu tổng hợp và đếm lại / differences between the province figures and a full recount`,
    );
    if (!values.rebuild) return 1;
    await rebuildAggregates(pool, cliActor(), differences.length);
    await new HubAuditLog(anchorOf(values)).anchorHead(pool);
    const after = await aggregateDifferences(pool);
    io.err(`rebuilt from the records; differences after: ${after.length}`);
    return 1;
  });
}

/** An anchor's verdict as one line: the code's message in Vietnamese and English, where, and the code. */
function anchorProblem(verdict: Extract<HubAuditVerdict, { code: string }>, file: string): string {
  const entry = ERROR_CODES[verdict.code as keyof typeof ERROR_CODES];
  return `${entry.vi} / ${entry.en} (${verdict.events} events, anchor ${file}) [${verdict.code}]`;
}

/**
 * `hub --audit`: the hub's audit log, oldest first, one event a line (sequence, time, who, what, whom, details),
 * then whether its hash chain holds and still reaches the head anchored outside the database; exit 1 when not.
 */
async function audit(values: Values, io: HubIo): Promise<number> {
  return withPool(values, async (pool) => {
    const anchor = anchorOf(values);
    const log = new HubAuditLog(anchor);
    const rows = await log.list(pool);
    for (const r of rows) io.out([r.seq, r.at, r.actor, r.action, r.subject ?? '-', r.details].join('\t'));
    const verdict = log.verify(rows, anchor?.read());
    if (verdict.ok) {
      io.err(`${verdict.events} sự kiện, chuỗi băm nguyên vẹn / ${verdict.events} events, hash chain intact`);
      if (!verdict.anchored)
        io.err(
          'Chưa đối chiếu với mốc neo ngoài cơ sở dữ liệu (--audit-anchor FILE hoặc --blobs DIR) / not checked against the anchor outside the database (--audit-anchor FILE or --blobs DIR): events deleted from the end cannot be ruled out',
        );
      return 0;
    }
    if ('code' in verdict) {
      io.err(anchorProblem(verdict, anchor!.file));
      return 1;
    }
    io.err(
      `Nhật ký của máy chủ bị sửa tại sự kiện ${verdict.brokenAt} (${verdict.reason}) / the hub's audit log was altered at event ${verdict.brokenAt} (${verdict.reason})`,
    );
    return 1;
  });
}

/** `sohoa hub …` and `src/hub/main.ts …`: serve, or one administration action; returns the exit status. */
export async function runHub(argv: string[], io: HubIo): Promise<number> {
  const { values, positionals } = parse(argv);
  const [action, arg, ...extra] = positionals;
  if (extra.length) throw new HubUsageError(`unexpected argument '${extra[0]}'`);
  switch (action) {
    case undefined:
      if (values.rebuild && !values.verify) throw new HubUsageError('--rebuild goes with --verify');
      if (values.audit && values.verify) throw new HubUsageError('--audit and --verify are separate actions');
      if (values.audit) return audit(values, io);
      return values.verify ? verify(values, io) : serve(values, io);
    case 'issue-code': {
      if (values.role !== 'workstation' && values.role !== 'supervisor')
        throw new HubUsageError('--role must be workstation or supervisor');
      const role = values.role;
      io.out(
        await withPool(values, (pool) =>
          new CredentialRepository(pool, new HubAuditLog(anchorOf(values))).issueCode(role, undefined, cliActor()),
        ),
      );
      return 0;
    }
    case 'revoke': {
      if (!arg) throw new HubUsageError('revoke needs a workstation id');
      const n = await withPool(values, (pool) =>
        new CredentialRepository(pool, new HubAuditLog(anchorOf(values))).revokeWorkstation(arg, cliActor()),
      );
      io.out(`revoked ${n} credential(s) of ${arg}`);
      return n > 0 ? 0 : 1;
    }
    case 'ingest-bag': {
      if (!arg) throw new HubUsageError('ingest-bag needs a bag directory');
      const storage = blobStorageFor(blobsOf(values));
      const result = await withPool(values, (pool) => {
        const records = new HubRecordRepository(pool);
        const intake = new RecordIntake({
          records,
          commits: new RecordCommitter(pool),
          blobs: storage.blobs,
          verifier: verifierNamed(verifierOf(values), trustOf(values, verifierOf(values))),
          maxRecordBytes: maxBytesOf(values),
        });
        const ctx = { intake, credentials: new CredentialRepository(pool) };
        return isZipPath(arg) ? ingestZippedBagIntoHub(arg, ctx) : ingestBagIntoHub(arg, ctx);
      }).finally(() => storage.close());
      io.out(JSON.stringify(result, null, 2));
      return result.rejected.length === 0 ? 0 : 1;
    }
    default:
      throw new HubUsageError(`unknown hub action '${action}'`);
  }
}
