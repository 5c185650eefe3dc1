/**
 * How well an MRC record reads against its scan: for each corpus page, the page as it is goes into a
 * record with `record.compression` jpeg (the scan) and mrc; poppler renders both at the page's dpi;
 * OCR reads both; the CER of each against the page's truth, and the record bytes, are printed per
 * page and in total (micro-averaged: edits over truth characters). The issue's bound: MRC's CER at
 * most 0.2 points above the scan's.
 *
 *   npx tsx bench/mrc-legibility.bench.ts [--corpus vi-admin,vi-admin-holdout,vi-admin-holdout2] [--dpi 200] [--workers 2]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { OcrPool } from '../src/core/ocr/ocr-pool';
import { TesseractDriver } from '../src/core/ocr/tesseract-driver';
import { buildRecordPdf, type RecordCompression } from '../src/core/record/build-record-pdf';
import { pageAsIs } from '../src/core/record/page-as-is';
import { editDistance, scoringForm } from '../test/support/char-error-rate';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { corpus: { type: 'string' }, dpi: { type: 'string' }, workers: { type: 'string' } } });
const corpora = (values.corpus ?? 'vi-admin,vi-admin-holdout,vi-admin-holdout2').split(',');

interface Page {
  id: string;
  file: string;
  truth: string;
  dpi: number;
  variant: string;
}

const pages = corpora.flatMap((name) => {
  const dir = join(REPO, 'test/fixtures', name);
  return (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { pages: Page[] }).pages
    .filter((p) => p.variant !== 'blank' && (!values.dpi || p.dpi === Number(values.dpi)))
    .map((p) => ({ ...p, image: join(dir, p.file), truthText: readFileSync(join(dir, p.truth), 'utf8') }));
});

const work = mkdtempSync(join(tmpdir(), 'sohoa-mrc-legibility-'));
const pool = new OcrPool(new TesseractDriver({ cacheDir: join(work, 'ocr') }), { workers: Number(values.workers ?? 2) });
const metadata = { title: 'bench', digitizedAt: new Date() };

function rendered(pdf: Uint8Array, dpi: number, name: string): Buffer {
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', '-singlefile', file, join(work, name)]);
  return readFileSync(join(work, `${name}.png`));
}

type Tally = { edits: number; chars: number; bytes: number };
const total: Record<RecordCompression, Tally> = { jpeg: { edits: 0, chars: 0, bytes: 0 }, mrc: { edits: 0, chars: 0, bytes: 0 } };
const cer = (t: Pick<Tally, 'edits' | 'chars'>) => (100 * t.edits) / Math.max(1, t.chars);
try {
  await Promise.all(
    pages.map(async (p) => {
      const page = { ...(await pageAsIs(readFileSync(p.image), p.id)), dpi: p.dpi };
      const truth = scoringForm(p.truthText);
      const line: string[] = [];
      const perPage: Partial<Record<RecordCompression, Tally>> = {};
      for (const mode of ['jpeg', 'mrc'] as const) {
        const pdf = await buildRecordPdf({ pages: [page], compression: mode, metadata });
        const text = (await pool.recognize(rendered(pdf, p.dpi, `${p.id}-${mode}`), { label: `${p.id} ${mode}` })).text;
        const t = { edits: editDistance(truth, scoringForm(text)), chars: Array.from(truth).length, bytes: pdf.length };
        perPage[mode] = t;
        total[mode].edits += t.edits;
        total[mode].chars += t.chars;
        total[mode].bytes += t.bytes;
        line.push(`${mode} CER ${cer(t).toFixed(2)}% ${(t.bytes / 1024).toFixed(0)} KB`);
      }
      const delta = cer(perPage.mrc!) - cer(perPage.jpeg!);
      console.log(`${p.id} ${p.variant} ${p.dpi} dpi: ${line.join(', ')}; mrc − scan ${delta >= 0 ? '+' : ''}${delta.toFixed(2)} points`);
    }),
  );
  const n = pages.length;
  console.log(
    `${n} page(s) of ${corpora.join(', ')}${values.dpi ? ` at ${values.dpi} dpi` : ''}: scan (jpeg record) CER ${cer(total.jpeg).toFixed(2)}%, ${(total.jpeg.bytes / n / 1024).toFixed(0)} KB/page; mrc CER ${cer(total.mrc).toFixed(2)}%, ${(total.mrc.bytes / n / 1024).toFixed(0)} KB/page; mrc − scan ${(cer(total.mrc) - cer(total.jpeg)).toFixed(2)} points`,
  );
} finally {
  await pool.close();
  rmSync(work, { recursive: true, force: true });
}
