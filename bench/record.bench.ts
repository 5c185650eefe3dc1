/**
 * Record benchmark over the vi-admin corpus: bytes per page and milliseconds per page to
 * assemble the PDF/A record and to sign it (PAdES B-B, PKCS#12), against OCRmyPDF making a
 * PDF/A from the same images in the same run.
 *
 * What is compared: assembly only, no OCR on either side. Ours: the page image as it is
 * (JPEG passed through, PNG lossless) → buildRecordPdf → signPdf. OCRmyPDF:
 * `ocrmypdf --output-type pdfa -O0 --tesseract-timeout 0 --image-dpi D` (tesseract is given
 * no time, so it adds no text; -O0 leaves images unoptimized), one process per page, so its
 * Python start-up is part of its time.
 *
 *   npx tsx bench/record.bench.ts [--pages N]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildRecordPdf } from '../src/core/record/build-record-pdf';
import { openP12Signer } from '../src/core/record/p12-signer';
import { pageAsIs } from '../src/core/record/page-as-is';
import { signPdf } from '../src/core/record/sign-pdf';
import { makeBenchP12 } from './support/bench-p12';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = join(REPO, 'test/fixtures/vi-admin');

const { values } = parseArgs({ options: { pages: { type: 'string' } } });

interface Page {
  id: string;
  file: string;
  dpi: number;
}

execFileSync('bash', [join(REPO, 'bench/install-reference-tools.sh')], { stdio: 'inherit' });

const all = (JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as { pages: Page[] }).pages;
const pages = values.pages ? all.slice(0, Number(values.pages)) : all;
const work = mkdtempSync(join(tmpdir(), 'sohoa-record-bench-'));

try {
  const p12 = makeBenchP12(work);
  const signer = await openP12Signer(new Uint8Array(readFileSync(p12.path)), p12.password);
  const ours = { assembleMs: 0, signMs: 0, bytes: 0, unsignedBytes: 0, imageBytes: 0 };
  const ref = { ms: 0, bytes: 0, failed: 0 };
  for (const page of pages) {
    const image = readFileSync(join(CORPUS, page.file));
    ours.imageBytes += image.length;
    let t = performance.now();
    const record = await buildRecordPdf({ pages: [await pageAsIs(image, page.id)], metadata: { title: page.id, digitizedAt: new Date() } });
    ours.assembleMs += performance.now() - t;
    ours.unsignedBytes += record.length;
    t = performance.now();
    const signed = await signPdf(record, { signer, stamp: { lines: ['SAO Y', 'UBND xã Bench', new Date().toISOString()] } });
    ours.signMs += performance.now() - t;
    ours.bytes += signed.length;

    const out = join(work, `${page.id}.pdf`);
    t = performance.now();
    const r = spawnSync(
      'ocrmypdf',
      ['--output-type', 'pdfa', '-O0', '--tesseract-timeout', '0', '--image-dpi', String(page.dpi), '-q', join(CORPUS, page.file), out],
      { encoding: 'utf8' },
    );
    ref.ms += performance.now() - t;
    if (r.status === 0) ref.bytes += statSync(out).size;
    else {
      ref.failed++;
      process.stderr.write(`ocrmypdf failed on ${page.id}: ${r.stderr.split('\n')[0]}\n`);
    }
  }
  const n = pages.length;
  const okRef = n - ref.failed;
  const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
  const lines = [
    `pages: ${n} (vi-admin corpus), assembly only, no OCR on either side`,
    `input images:          ${kb(ours.imageBytes / n)} per page`,
    `sohoa record (signed): ${kb(ours.bytes / n)} per page; assemble ${(ours.assembleMs / n).toFixed(0)} ms + sign ${(ours.signMs / n).toFixed(0)} ms per page`,
    `ocrmypdf --output-type pdfa -O0 --tesseract-timeout 0: ${okRef ? kb(ref.bytes / okRef) : 'n/a'} per page; ${(ref.ms / n).toFixed(0)} ms per page (process start-up included)${ref.failed ? `; ${ref.failed} failed` : ''}`,
    `sohoa record before signing: ${kb(ours.unsignedBytes / n)} per page (the signature and the visible copy stamp add the rest)`,
    `ratio bytes (sohoa signed / ocrmypdf): ${okRef ? (ours.bytes / n / (ref.bytes / okRef)).toFixed(2) : 'n/a'}`,
    `ratio bytes (sohoa unsigned / ocrmypdf, like for like): ${okRef ? (ours.unsignedBytes / n / (ref.bytes / okRef)).toFixed(2) : 'n/a'}`,
    `ratio time  (sohoa assemble+sign / ocrmypdf): ${((ours.assembleMs + ours.signMs) / ref.ms).toFixed(3)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  writeFileSync(join(work, 'summary.txt'), lines.join('\n'));
} finally {
  rmSync(work, { recursive: true, force: true });
}
