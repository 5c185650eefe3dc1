/**
 * Sync throughput over loopback: N records (default 1,000 of ~100 KB) from a workstation store to
 * a hub on a real PostgreSQL (tus upload, re-hash, signature shape check, blob store, commit),
 * against a plain HTTP PUT of the same bytes to a bare Node server (no protocol: body to file)
 * in the same run, at the same concurrency. Prints MB/s, records/s and the ratio (target ≥ 0.7×).
 *
 *   npx tsx bench/sync.bench.ts [--records 1000] [--kb 100] [--concurrency 4]
 *
 * The hub checks records with the structural verifier here (the records are signed-looking, not
 * signed): full PAdES verification costs ~60 ms a record and is measured by the record bench.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { Engine } from '../src/core/engine';
import { WorkstationSync } from '../src/core/sync/workstation-sync';
import { createPool, migrateHub } from '../src/hub/hub-database';
import { buildHub } from '../src/hub/hub-server';
import { StructuralPdfVerifier } from '../src/hub/structural-pdf-verifier';
import { startPostgres } from '../test/hub/support/postgres';
import { tempDir } from '../test/support/temp-dir';

const { values } = parseArgs({ options: { records: { type: 'string', default: '1000' }, kb: { type: 'string', default: '100' }, concurrency: { type: 'string', default: '4' } } });
const COUNT = Number(values.records);
const SIZE = Number(values.kb) * 1024;
const CONCURRENCY = Number(values.concurrency);

/** A PDF-shaped file with a signature dictionary whose /ByteRange spans the file. */
function signedLookingPdf(i: number): Buffer {
  const tail = Buffer.from('\n%%EOF\n');
  const headOf = (end: number) => Buffer.from(`%PDF-1.7\n% record ${i}\n1 0 obj\n<< /Type /Sig /SubFilter /ETSI.CAdES.detached /ByteRange [0 64 128 ${String(end).padStart(9, '0')}] /Contents <00> >>\nendobj\n`);
  const head = headOf(0);
  const body = randomBytes(Math.max(0, SIZE - head.length - tail.length));
  const total = head.length + body.length + tail.length;
  return Buffer.concat([headOf(total - 128), body, tail]);
}

function seed(engine: Engine, files: Buffer[]): void {
  const { db } = engine.store;
  const now = new Date().toISOString();
  db.transaction(() => {
    files.forEach((bytes, i) => {
      const dossierId = Number(db.prepare(`INSERT INTO dossier (code, kind, status, year, created_at, updated_at) VALUES (?, 'archive', 'digitized', 2021, ?, ?)`).run(`BENCH-${i}`, now, now).lastInsertRowid);
      const documentId = Number(db.prepare(`INSERT INTO document (dossier_id, position, created_at) VALUES (?, 1, ?)`).run(dossierId, now).lastInsertRowid);
      const sha = engine.store.blobs.put(bytes);
      const record = engine.store.records.addVersion(documentId, sha, { signer: 'bench', signedAt: now });
      engine.store.records.enqueueForSync(record.id);
    });
  })();
}

async function plainPut(files: Buffer[], dir: string): Promise<number> {
  mkdirSync(dir, { recursive: true });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void pipeline(req, createWriteStream(join(dir, req.url!.slice(1)))).then(() => res.end('ok'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const started = performance.now();
  const queue = files.map((bytes, i) => ({ bytes, i }));
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      const { bytes, i } = item;
      await new Promise<void>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, method: 'PUT', path: `/${i}.pdf`, headers: { 'content-length': bytes.length } }, (res) => {
          res.resume();
          res.on('end', resolve);
        });
        req.on('error', reject);
        req.end(bytes);
      });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const ms = performance.now() - started;
  await new Promise<void>((r) => server.close(() => r()));
  return ms;
}

const postgres = await startPostgres();
const tmp = tempDir('sohoa-sync-bench-');
try {
  const url = await postgres.createDatabase('bench');
  const pool = createPool(url);
  await migrateHub(pool);
  const hub = await buildHub({ pool, blobsDir: join(tmp.path, 'hub'), verifier: new StructuralPdfVerifier() });
  await hub.app.listen({ host: '127.0.0.1', port: 0 });
  const hubUrl = `http://127.0.0.1:${(hub.app.server.address() as { port: number }).port}`;

  const files = Array.from({ length: COUNT }, (_, i) => signedLookingPdf(i));
  const bytes = files.reduce((n, f) => n + f.length, 0);
  const engine = Engine.open({ dataDir: join(tmp.path, 'ws') });
  seed(engine, files);
  const sync = new WorkstationSync(engine);
  await sync.enroll(hubUrl, await hub.credentials.issueCode(), 'bench');

  const putMs = await plainPut(files, join(tmp.path, 'put'));
  const started = performance.now();
  const summary = await sync.send({ batchSize: 50, concurrency: CONCURRENCY });
  const syncMs = performance.now() - started;
  engine.close();
  await hub.close();
  await pool.end();

  if (summary.acknowledged !== COUNT) throw new Error(`only ${summary.acknowledged} of ${COUNT} acknowledged`);
  const mbs = (ms: number) => bytes / 1e6 / (ms / 1000);
  const rps = (ms: number) => COUNT / (ms / 1000);
  console.log(`records: ${COUNT} × ${(SIZE / 1024).toFixed(0)} KB = ${(bytes / 1e6).toFixed(1)} MB, concurrency ${CONCURRENCY}, loopback`);
  console.log(`plain HTTP PUT : ${mbs(putMs).toFixed(1)} MB/s, ${rps(putMs).toFixed(0)} records/s (${(putMs / 1000).toFixed(2)} s)`);
  console.log(`sohoa sync     : ${mbs(syncMs).toFixed(1)} MB/s, ${rps(syncMs).toFixed(0)} records/s (${(syncMs / 1000).toFixed(2)} s)`);
  console.log(`ratio sync / plain PUT: ${(putMs / syncMs).toFixed(2)}× (target ≥ 0.70×)`);
} finally {
  postgres.stop();
  tmp.remove();
}
