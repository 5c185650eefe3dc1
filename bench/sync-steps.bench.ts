/**
 * One record's way through sync, step by step: the mean time of each step the hub and the
 * workstation take for a record of ~100 KB, each step run N times on its own with the real
 * component (PostgreSQL, the blob folder with fsync, s3rver, the workstation's encrypted SQLite).
 *
 *   npx tsx bench/sync-steps.bench.ts [--n 200] [--kb 100]
 *
 * The reference is the plain HTTP PUT of the same bytes to a bare Node server in this process.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer, request, Agent } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { Engine } from '../src/core/engine';
import { readLocalRecord } from '../src/core/sync/sync-runner';
import { OutboxRepository } from '../src/core/store/outbox-repository';
import { CredentialRepository } from '../src/hub/credential-repository';
import { DirectoryBlobStorage } from '../src/hub/directory-blob-storage';
import { createPool, migrateHub } from '../src/hub/hub-database';
import { HubRecordRepository } from '../src/hub/hub-record-repository';
import { PadesRecordVerifier } from '../src/hub/pades-record-verifier';
import { S3BlobStorage } from '../src/hub/s3-blob-storage';
import { StructuralPdfVerifier } from '../src/hub/structural-pdf-verifier';
import { defaultVerifyWorkers, PooledPadesVerifier } from '../src/hub/verifier-pool';
import type { RecordDescriptor } from '../src/shared/sync-protocol';
import { startPostgres } from '../test/hub/support/postgres';
import { S3RVER_CREDENTIALS, startS3 } from '../test/hub/support/s3';
import { recordFactory } from '../test/sync/support/signed-records';
import { tempDir } from '../test/support/temp-dir';

const { values } = parseArgs({ options: { n: { type: 'string', default: '200' }, kb: { type: 'string', default: '100' } } });
const N = Number(values.n);
const SIZE = Number(values.kb) * 1024;

const rows: { side: string; step: string; ms: number }[] = [];
async function step(side: string, name: string, run: (i: number) => unknown, n = N): Promise<void> {
  await run(-1); // warm
  const started = performance.now();
  for (let i = 0; i < n; i++) await run(i);
  rows.push({ side, step: name, ms: (performance.now() - started) / n });
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** PDF-shaped bytes with a signature dictionary spanning the file (what the structural verifier checks). */
function signedLookingPdf(): Buffer {
  const head = (end: number) =>
    Buffer.from(`%PDF-1.7\n1 0 obj\n<< /Type /Sig /ByteRange [0 64 128 ${String(end).padStart(9, '0')}] /Contents <00> >>\nendobj\n`);
  const tail = Buffer.from('\n%%EOF\n');
  const body = randomBytes(SIZE - head(0).length - tail.length);
  return Buffer.concat([head(SIZE - 128), body, tail]);
}
const files = Array.from({ length: N + 1 }, signedLookingPdf);
const at = (i: number) => files[i + 1]!;
const descriptor = (i: number, bytes: Buffer): RecordDescriptor => ({
  documentKey: `BENCH-${i}/1`,
  version: 1,
  sha256: sha(bytes),
  size: bytes.length,
  dossierCode: `BENCH-${i}`,
  procedureCode: '1.001',
  agencyCode: 'H12',
  year: 2021,
  status: 'digitized',
  signedAt: null,
});

const postgres = await startPostgres();
const s3 = await startS3();
const tmp = tempDir('sohoa-sync-steps-');
const factory = await recordFactory();
try {
  // HTTP: a bare server (body to a file) and Fastify with the hub's content-type parser and nothing else.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const putTo = (port: number, path: string, bytes: Buffer) =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'PUT',
          path,
          agent,
          headers: { 'content-type': 'application/pdf', 'content-length': bytes.length },
        },
        (res) => {
          res.resume();
          res.on('end', resolve);
        },
      );
      req.on('error', reject);
      req.end(bytes);
    });
  mkdirSync(join(tmp.path, 'put'));
  const plain = createServer(
    (req, res) => void pipeline(req, createWriteStream(join(tmp.path, 'put', req.url!.slice(1)))).then(() => res.end('ok')),
  );
  await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
  await step('reference', 'plain HTTP PUT, body to a file', (i) => putTo((plain.address() as { port: number }).port, `/${i}.pdf`, at(i)));
  plain.close();
  const app = Fastify();
  app.addContentTypeParser('application/pdf', (_req, _payload, done) => done(null));
  app.put('/records/:sha', async (req) => {
    for await (const _ of req.raw) void _;
    return { ok: true };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  await step('hub', 'HTTP request through Fastify (body read, JSON answer)', (i) =>
    putTo((app.server.address() as { port: number }).port, `/records/${i}`, at(i)),
  );
  await app.close();
  agent.destroy();

  const pool = createPool(await postgres.createDatabase('steps'));
  await migrateHub(pool);
  const credentials = new CredentialRepository(pool);
  const { token, workstationId } = await credentials.enroll(await credentials.issueCode(), 'bench');
  const records = new HubRecordRepository(pool);
  await step('hub', 'PG: authenticate the bearer token (SELECT)', () => credentials.authenticate(`Bearer ${token}`));
  await step('hub', 'PG: already stored? (SELECT)', (i) => records.existing(workstationId, descriptor(i, at(i))));
  await step('hub', 'SHA-256 of the bytes', (i) => sha(at(i)));
  const structural = new StructuralPdfVerifier();
  await step('hub', 'signature shape check (structural verifier)', (i) => structural.verify(at(i)));
  const signed = Buffer.from(await factory.signed('bench record', Math.round(SIZE / 4)));
  const pades = new PadesRecordVerifier(factory.trustAnchors);
  await step(
    'hub',
    `full PAdES verification (${(signed.length / 1024).toFixed(0)} KB signed PDF), on the event loop`,
    () => pades.verify(signed),
    Math.min(N, 50),
  );
  const workers = defaultVerifyWorkers();
  const pooled = new PooledPadesVerifier(factory.trustAnchors, workers);
  const burst = 8;
  await step(
    'hub',
    `full PAdES verification, pool of ${workers} worker thread(s), ${burst} at once (per record; event loop free)`,
    async (i) => {
      if (i < 0 || i % burst === 0) await Promise.all(Array.from({ length: burst }, () => pooled.verify(signed)));
    },
    Math.min(N, 48),
  );
  await pooled.close();
  const dir = new DirectoryBlobStorage(join(tmp.path, 'hub'));
  await step('hub', 'blob write, directory (temp, fsync, rename)', (i) => dir.putBytes(sha(at(i)), at(i)));
  const s3blobs = new S3BlobStorage({ bucket: s3.bucket, prefix: 'steps', endpoint: s3.endpoint, credentials: S3RVER_CREDENTIALS });
  await step('hub', 'blob write, S3 (s3rver, one PUT)', (i) => s3blobs.putBytes(sha(at(i)), at(i)), Math.min(N, 100));
  s3blobs.close();
  await step('hub', 'PG: commit (INSERT … ON CONFLICT)', (i) => records.commit(workstationId, descriptor(i, at(i)), 'upload'));
  await pool.end();

  const engine = Engine.open({ dataDir: join(tmp.path, 'ws') });
  const { db } = engine.store;
  const now = new Date().toISOString();
  db.transaction(() => {
    for (let i = 0; i < N; i++) {
      const dossierId = Number(
        db
          .prepare(`INSERT INTO dossier (code, kind, status, year, created_at, updated_at) VALUES (?, 'archive', 'digitized', 2021, ?, ?)`)
          .run(`WS-${i}`, now, now).lastInsertRowid,
      );
      const documentId = Number(
        db.prepare(`INSERT INTO document (dossier_id, position, created_at) VALUES (?, 1, ?)`).run(dossierId, now).lastInsertRowid,
      );
      const record = engine.store.records.addVersion(documentId, engine.store.blobs.put(at(i)), { signer: 'bench', signedAt: now });
      engine.store.records.enqueueForSync(record.id);
    }
  })();
  const outbox = new OutboxRepository(db);
  outbox.enqueueSigned();
  const entries = outbox.list();
  const audited = (i: number, action: string, change: () => void) => () => {
    change();
    engine.audit.append({ actor: 'sync', action, subject: String(entries[i]!.recordId), details: { i } });
  };
  await step('workstation', 'read the record (decrypt, re-hash)', (i) => readLocalRecord(engine.store.blobs, entries[Math.max(0, i)]!));
  await step('workstation', 'mark sending + audit event, one transaction per record', (i) =>
    outbox.inTransaction(audited(Math.max(0, i), 'sync.record.sent', () => outbox.markSending(entries[Math.max(0, i)]!.id, SIZE))),
  );
  await step('workstation', 'acknowledge + audit event, one transaction per record', (i) =>
    outbox.inTransaction(audited(Math.max(0, i), 'sync.record.acknowledged', () => outbox.acknowledge(entries[Math.max(0, i)]!.id, '{}'))),
  );
  const group = 32;
  await step('workstation', `acknowledge + audit event, ${group} records per transaction (per record)`, (i) => {
    if (i % group !== 0) return;
    outbox.inTransaction(() => {
      for (let k = i; k < Math.min(N, i + group); k++)
        audited(Math.max(0, k), 'sync.record.acknowledged', () => outbox.acknowledge(entries[Math.max(0, k)]!.id, '{}'))();
    });
  });
  engine.close();

  console.log(
    `one record of ${values.kb} KB, mean of ${N} runs per step (fewer for PAdES and S3); uptime: ${(await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  for (const r of rows) console.log(`${r.side.padEnd(12)} ${r.ms.toFixed(3).padStart(8)} ms  ${r.step}`);
} finally {
  factory.cleanup();
  await s3.stop();
  postgres.stop();
  tmp.remove();
}
