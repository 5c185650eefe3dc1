/**
 * From the last page scanned to a signed dossier, for a 10-page dossier: the pages are imported
 * (the scan is over), then the engine's pipeline cleans, reads (tesseract.js, Vietnamese) and
 * assembles the PDF/A record, then the dossier is finalized with a PKCS#12 test certificate
 * (PAdES). Each phase is printed.
 *
 * Reference, in the same run: OCRmyPDF (`-l vie --output-type pdfa`) on the same 10 images, as
 * many processes at a time as the engine has OCR workers. It makes a searchable PDF/A per page
 * and signs nothing, so it does less than the desk does.
 *
 *   npx tsx bench/desk-finalize.bench.ts [--pages N]
 */
import { execFileSync, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CORPUS, corpusPages, REPO, startBenchApp, type CorpusEntry } from './desk-app';
import { makeBenchP12 } from './support/bench-p12';

const { values } = parseArgs({ options: { pages: { type: 'string', default: '10' } } });
const PAGES = Number(values.pages);
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

execFileSync('bash', [join(REPO, 'bench/install-reference-tools.sh')], { stdio: 'inherit' });
const work = mkdtempSync(join(tmpdir(), 'sohoa-finalize-bench-'));

/** OCRmyPDF on each page, `parallel` processes at a time; milliseconds for all, and how many failed. */
async function ocrmypdf(pages: CorpusEntry[], parallel: number): Promise<{ ms: number; failed: number }> {
  const started = performance.now();
  let failed = 0;
  const queue = [...pages];
  const worker = async () => {
    for (let page = queue.shift(); page; page = queue.shift()) {
      const args = [
        '-l',
        'vie',
        '--output-type',
        'pdfa',
        '--image-dpi',
        String(page.dpi),
        '-q',
        join(CORPUS, page.file),
        join(work, `${page.id}.pdf`),
      ];
      const code = await new Promise<number | null>((resolve) => spawn('ocrmypdf', args, { stdio: 'ignore' }).on('exit', resolve));
      if (code !== 0) failed++;
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return { ms: performance.now() - started, failed };
}

const app = await startBenchApp({ serveUi: false });
try {
  const { engine } = app;
  const pages = corpusPages().slice(0, PAGES);
  const procedure = (await engine.handlers['procedure.list']({}))[0]!;
  const dossier = await engine.handlers['dossier.create']({
    procedureCode: procedure.code,
    applicantName: 'Nguyễn Văn Bình',
    applicantCccd: '074190000123',
    receivedDate: '2026-11-23',
  });
  const documentId = (await engine.handlers['document.create']({ dossierId: dossier.id, title: 'Hồ sơ đo thời gian' })).id;
  const p12 = makeBenchP12(work);
  await engine.handlers['signer.unlock']({ p12Path: p12.path, password: p12.password });

  let t = performance.now();
  await engine.handlers['document.importFiles']({ documentId, paths: pages.map((p) => join(CORPUS, p.file)) });
  const importMs = performance.now() - t;

  // The last page is in: from here on, what the clerk waits for.
  const lastScanned = performance.now();
  let readMs = 0;
  for (;;) {
    const states = engine.store.pages.ofDocument(documentId).map((p) => p.state);
    if (!readMs && states.every((s) => s === 'read' || s === 'failed')) readMs = performance.now() - lastScanned;
    const { queued, leased } = engine.store.jobs.countsByState();
    if (readMs && queued + leased === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const pipelineMs = performance.now() - lastScanned;
  t = performance.now();
  const result = await engine.handlers['dossier.finalize']({ dossierId: dossier.id });
  const finalizeMs = performance.now() - t;
  const totalMs = performance.now() - lastScanned;
  const record = engine.store.records.latest(documentId)!;

  const workers = availableParallelism();
  const ref = await ocrmypdf(pages, workers);
  const out = [
    `dossier: ${pages.length} corpus pages in one document; engine pipeline at the app's defaults (${workers} OCR worker(s))`,
    `import (the scan's end, not counted):    ${sec(importMs)}`,
    `clean-up + OCR, all pages read:          ${sec(readMs)} (${((pages.length / readMs) * 60_000).toFixed(1)} pages/min)`,
    `record assembled (PDF/A, text layer):    ${sec(pipelineMs - readMs)}`,
    `finalize (PAdES, PKCS#12):               ${sec(finalizeMs)} (${result.signed.length} record signed, version ${record.version}, ${record.signed ? 'signed' : 'NOT signed'})`,
    `last page scanned → signed dossier:      ${sec(totalMs)}`,
    `ocrmypdf -l vie --output-type pdfa, ${workers} at a time: ${sec(ref.ms)}${ref.failed ? ` (${ref.failed} failed)` : ''} (no signature)`,
    `ratio (sohoa last page → signed / ocrmypdf): ${(totalMs / ref.ms).toFixed(2)}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
} finally {
  await app.close();
  rmSync(work, { recursive: true, force: true });
}
