/**
 * Bulk signing of an archive batch: N approved dossiers of one PDF/A record each, signed by
 * `signBatch` (what **Ký số hàng loạt** and `sohoa batch --sign` run: PAdES signature, the signed
 * version stored as a blob, outbox, audit, dossier finalized, dossier by dossier) against the bare
 * signature of the same record N times with `signPdf` and the same PKCS#12 key, in the same run.
 * The ratio is what the bookkeeping costs on top of the cryptography. No OCR: the records are made
 * from a corpus page as it is.
 *
 *   npx tsx bench/archive-sign.bench.ts [--dossiers N]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureDossier } from '../src/core/archive/archive-dossier';
import { signBatch } from '../src/core/archive/batch-sign';
import { approveDossiers } from '../src/core/archive/qc-queue';
import { SignerSession } from '../src/core/desk/signer-session';
import { Engine } from '../src/core/engine';
import { setTestAgency } from '../test/support/agency';
import { pageAsIs } from '../src/core/record/page-as-is';
import { recordFromImages } from '../src/core/record/record-from-images';
import { signPdf } from '../src/core/record/sign-pdf';
import { ArchiveRepository } from '../src/core/store/archive-repository';
import { batchSigningContext } from '../src/core/archive/batch-signing-context';
import { makeBenchP12 } from './support/bench-p12';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { dossiers: { type: 'string', default: '40' } } });
const N = Number(values.dossiers);
const work = mkdtempSync(join(tmpdir(), 'sohoa-archive-sign-bench-'));

try {
  const { path: p12Path, password } = makeBenchP12(work);

  const image = readFileSync(join(REPO, 'test/fixtures/vi-admin/images/viadm-eb2a.png'));
  const pdf = await recordFromImages(
    [{ bytes: image, label: 'viadm-eb2a.png' }],
    { title: 'Hồ sơ lưu trữ', digitizedAt: new Date() },
    { prepare: async ({ bytes, label }) => ({ page: await pageAsIs(bytes, label) }) },
  );

  const engine = setTestAgency(Engine.open({ dataDir: join(work, 'data'), actor: 'bench' }));
  try {
    const archive = new ArchiveRepository(engine.store.db);
    const batch = archive.createBatch({ name: 'bench', source: work, registerPath: null, key: 'bench' });
    const sha = engine.store.blobs.put(Buffer.from(pdf));
    const scanSha = engine.store.blobs.put(image);
    for (let i = 1; i <= N; i++) {
      const name = `HS ${i}`;
      const { documentId } = ensureDossier(
        engine,
        archive,
        batch.id,
        { path: join(work, name), relPath: name, box: '', boxKey: '', name, numberKey: String(i) },
        null,
        'bench',
      );
      // A read page and its unsigned record, as the pipeline leaves a folder before bulk signing.
      const pageId = engine.store.pages.addPage(documentId, scanSha, 'scan').id;
      engine.store.db.prepare(`UPDATE page SET state = 'read' WHERE id = ?`).run(pageId);
      engine.store.records.addVersion(documentId, sha, null);
    }
    approveDossiers(engine.store, batch.id, 'bench', 'clean');
    const session = new SignerSession();
    await session.unlockP12(p12Path, password);
    const { signer } = session.require();

    let t = performance.now();
    for (let i = 0; i < N; i++)
      await signPdf(pdf, {
        signer,
        signingTime: new Date(),
        stamp: { lines: ['SAO Y', engine.workstation.agencyName, new Date().toISOString()] },
      });
    const bareMs = performance.now() - t;

    const signingContext = () => batchSigningContext(engine, session, 'bench');
    t = performance.now();
    const result = await signBatch(signingContext(), archive, batch.id);
    const bulkMs = performance.now() - t;
    if (result.signed.length !== N) throw new Error(`signed ${result.signed.length} of ${N}: ${JSON.stringify(result.skipped)}`);
    t = performance.now();
    const again = await signBatch(signingContext(), archive, batch.id);
    const againMs = performance.now() - t;
    await session.lock();

    const perMinute = (ms: number) => ((N / ms) * 60_000).toFixed(0);
    process.stdout.write(
      [
        `dossiers: ${N} (one 1-page PDF/A record each, ${(pdf.length / 1024).toFixed(0)} KB), PKCS#12 RSA-2048`,
        `signBatch (Ký số hàng loạt): ${(bulkMs / 1000).toFixed(2)} s; ${(bulkMs / N).toFixed(1)} ms/dossier; ${perMinute(bulkMs)} dossiers/min`,
        `signPdf alone on the same record (reference): ${(bareMs / 1000).toFixed(2)} s; ${(bareMs / N).toFixed(1)} ms/record`,
        `ratio time (signBatch / signPdf alone): ${(bulkMs / bareMs).toFixed(2)}`,
        `second run (nothing left to sign): ${again.total} dossier(s), ${againMs.toFixed(0)} ms`,
      ].join('\n') + '\n',
    );
  } finally {
    await engine.close();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
