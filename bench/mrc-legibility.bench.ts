/**
 * How well an MRC record reads against its scan: for each corpus page, the page as it is (turned
 * upright, as clean-up would) goes into a record with `record.compression` jpeg (the scan) and mrc;
 * poppler renders both at the page's dpi; OCR reads both; the CER of each against the page's truth,
 * and the record bytes, are printed per page and in total (micro-averaged: edits over truth
 * characters). The issue's bound: MRC's CER at most 0.2 points above the scan's.
 *
 * `--control` adds changes that should not matter for legibility (bench/mrc-null-changes.ts): the
 * scan re-encoded as JPEG q90 or q95, both rendered at one dpi more or without anti-aliasing, the
 * page moved one pixel, the same image read twice. Each prints how far it moves each page's CER and
 * MRC's difference to the scan: how precise a single page's figure is.
 *
 *   npx tsx bench/mrc-legibility.bench.ts [--corpus vi-admin,vi-admin-holdout,vi-admin-holdout2] [--dpi 200] [--workers 2] [--pages ID,…] [--ocr-cache DIR]
 *     [--control jpeg90,jpeg95,dpi+1,no-aa,shift,repeat]
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { OcrPool } from '../src/core/ocr/ocr-pool';
import { TesseractDriver } from '../src/core/ocr/tesseract-driver';
import { buildRecordPdf, type RecordCompression, type RecordPage } from '../src/core/record/build-record-pdf';
import { pageAsIs } from '../src/core/record/page-as-is';
import { editDistance, scoringForm } from '../test/support/char-error-rate';
import { pageFor, parseNullChanges, renderingFor, touchesMrc, type NullChange } from './mrc-null-changes';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    dpi: { type: 'string' },
    workers: { type: 'string' },
    control: { type: 'string' },
    pages: { type: 'string' },
    'ocr-cache': { type: 'string' },
  },
});
const corpora = (values.corpus ?? 'vi-admin,vi-admin-holdout,vi-admin-holdout2').split(',');
const controls = parseNullChanges(values.control);
if (values['ocr-cache']) mkdirSync(values['ocr-cache'], { recursive: true });

interface Page {
  id: string;
  file: string;
  truth: string;
  dpi: number;
  variant: string;
  rotation: number;
}

const pages = corpora.flatMap((name) => {
  const dir = join(REPO, 'test/fixtures', name);
  return (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { pages: Page[] }).pages
    .filter((p) => p.variant !== 'blank' && (!values.dpi || p.dpi === Number(values.dpi)))
    .filter((p) => !values.pages || values.pages.split(',').includes(p.id))
    .map((p) => ({ ...p, corpus: name, image: join(dir, p.file), truthText: readFileSync(join(dir, p.truth), 'utf8') }));
});

const work = mkdtempSync(join(tmpdir(), 'sohoa-mrc-legibility-'));
const pool = new OcrPool(new TesseractDriver({ cacheDir: join(work, 'ocr') }), { workers: Number(values.workers ?? 2) });
const metadata = { title: 'bench', digitizedAt: new Date() };

function rendered(pdf: Uint8Array, dpi: number, args: string[], name: string): Buffer {
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', String(dpi), ...args, '-png', '-singlefile', file, join(work, name)]);
  const png = readFileSync(join(work, `${name}.png`));
  rmSync(file);
  rmSync(join(work, `${name}.png`));
  return png;
}

/**
 * The OCR's text of a rendered page. With `--ocr-cache`, an image read before (the same bytes) is not
 * read again: the OCR gives the same text for the same image (`--control repeat` checks it, never
 * from the cache).
 */
async function recognized(png: Buffer, label: string, fresh: boolean): Promise<string> {
  const cached = !fresh && values['ocr-cache'] && join(values['ocr-cache'], `${createHash('sha256').update(png).digest('hex')}.txt`);
  if (cached && existsSync(cached)) return readFileSync(cached, 'utf8');
  const text = (await pool.recognize(png, { label })).text;
  if (cached) writeFileSync(cached, text);
  return text;
}

/** The page as the clean-up would give it the right way up (the manifest's turn undone, losslessly). */
async function uprightPage(p: (typeof pages)[number]): Promise<RecordPage> {
  const bytes = readFileSync(p.image);
  const turned = p.rotation
    ? await sharp(bytes)
        .rotate((360 - p.rotation) % 360)
        .png()
        .toBuffer()
    : bytes;
  return { ...(await pageAsIs(turned, p.id)), dpi: p.dpi };
}

type Tally = { edits: number; chars: number; bytes: number };
const tally = (): Tally => ({ edits: 0, chars: 0, bytes: 0 });
const cer = (t: Pick<Tally, 'edits' | 'chars'>) => (100 * t.edits) / Math.max(1, t.chars);
const signed = (d: number) => `${d >= 0 ? '+' : ''}${d.toFixed(2)}`;
const key = (mode: RecordCompression, change?: NullChange) => `${mode}${change ? ` ${change}` : ''}`;

/** Every reading of every page: key → page id → tally. */
const results = new Map<string, Map<string, Tally>>();
const total = new Map<string, Tally>();
const groups = new Map<string, Map<string, Tally>>();

async function measure(p: (typeof pages)[number]): Promise<void> {
  const page = await uprightPage(p);
  const truth = scoringForm(p.truthText);
  const chars = Array.from(truth).length;
  const runs: { mode: RecordCompression; change?: NullChange }[] = [{ mode: 'jpeg' }, { mode: 'mrc' }];
  for (const change of controls) {
    runs.push({ mode: 'jpeg', change });
    if (touchesMrc(change)) runs.push({ mode: 'mrc', change });
  }
  await Promise.all(
    runs.map(async ({ mode, change }) => {
      const source = await pageFor(change, page);
      const pdf = await buildRecordPdf({ pages: [source], compression: mode, metadata });
      const { dpi, args } = renderingFor(change, p.dpi);
      const png = rendered(pdf, dpi, args, `${p.id}-${mode}-${change ?? 'base'}`.replace(/[^\w-]/g, '_'));
      const text = await recognized(png, `${p.id} ${key(mode, change)}`, change === 'repeat');
      const t = { edits: editDistance(truth, scoringForm(text)), chars, bytes: pdf.length };
      const k = key(mode, change);
      if (!results.has(k)) results.set(k, new Map());
      results.get(k)!.set(p.id, t);
      for (const map of [total, groupOf(`${p.dpi} dpi ${p.variant}`), groupOf(p.corpus)]) {
        const sum = map.get(k) ?? tally();
        sum.edits += t.edits;
        sum.chars += t.chars;
        sum.bytes += t.bytes;
        map.set(k, sum);
      }
    }),
  );
  const at = (mode: RecordCompression, change?: NullChange) => cer(results.get(key(mode, change))!.get(p.id)!);
  const bytes = (mode: RecordCompression) => results.get(key(mode))!.get(p.id)!.bytes / 1024;
  const parts = [
    `scan CER ${at('jpeg').toFixed(2)}% ${bytes('jpeg').toFixed(0)} KB, mrc CER ${at('mrc').toFixed(2)}% ${bytes('mrc').toFixed(0)} KB`,
    `mrc − scan ${signed(at('mrc') - at('jpeg'))} points`,
  ];
  for (const change of controls) {
    const scan = at('jpeg', change) - at('jpeg');
    if (!touchesMrc(change)) parts.push(`${change}: scan ${signed(scan)}, mrc − it ${signed(at('mrc') - at('jpeg', change))}`);
    else
      parts.push(
        `${change}: scan ${signed(scan)}, mrc ${signed(at('mrc', change) - at('mrc'))}, mrc − scan ${signed(at('mrc', change) - at('jpeg', change))}`,
      );
  }
  console.log(`${p.id} ${p.variant} ${p.dpi} dpi: ${parts.join('; ')}`);
}

function groupOf(name: string): Map<string, Tally> {
  if (!groups.has(name)) groups.set(name, new Map());
  return groups.get(name)!;
}

function summary(label: string, sums: Map<string, Tally>, n: number): string {
  const scan = sums.get(key('jpeg'))!;
  const mrc = sums.get(key('mrc'))!;
  return `${label}, ${n} page(s): scan CER ${cer(scan).toFixed(2)}%, ${(scan.bytes / n / 1024).toFixed(0)} KB/page; mrc CER ${cer(mrc).toFixed(2)}%, ${(mrc.bytes / n / 1024).toFixed(0)} KB/page; mrc − scan ${signed(cer(mrc) - cer(scan))} points`;
}

/** Per null change: how far it moves single pages (largest and median |Δ|, pages moved ≥ 0.2 and ≥ 0.3) and the whole. */
function spread(change: NullChange, mode: RecordCompression): string {
  const base = results.get(key(mode))!;
  const moved = results.get(key(mode, change))!;
  const deltas = [...base.keys()].map((id) => Math.abs(cer(moved.get(id)!) - cer(base.get(id)!))).sort((a, b) => a - b);
  const median = deltas[Math.floor(deltas.length / 2)]!;
  const worst = [...base.keys()].reduce((w, id) =>
    Math.abs(cer(moved.get(id)!) - cer(base.get(id)!)) > Math.abs(cer(moved.get(w)!) - cer(base.get(w)!)) ? id : w,
  );
  const c025 = base.has('viadm-c025') ? `, viadm-c025 ${signed(cer(moved.get('viadm-c025')!) - cer(base.get('viadm-c025')!))}` : '';
  return `${change} on ${mode === 'jpeg' ? 'the scan' : 'mrc'}: |Δ| per page median ${median.toFixed(2)}, largest ${deltas.at(-1)!.toFixed(2)} (${worst}), ≥ 0.2 on ${deltas.filter((d) => d >= 0.2).length}, ≥ 0.3 on ${deltas.filter((d) => d >= 0.3).length} of ${deltas.length}${c025}; over all pages ${signed(cer(total.get(key(mode, change))!) - cer(total.get(key(mode))!))}`;
}

try {
  const queue = [...pages];
  // Three pages at a time keep the OCR workers busy without holding every decoded page at once.
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      for (let p = queue.shift(); p; p = queue.shift()) await measure(p);
    }),
  );
  const count = (filter: (p: (typeof pages)[number]) => boolean) => pages.filter(filter).length;
  for (const [name, sums] of [...groups].sort(([a], [b]) => a.localeCompare(b)))
    console.log(
      summary(
        name,
        sums,
        count((p) => p.corpus === name || `${p.dpi} dpi ${p.variant}` === name),
      ),
    );
  console.log(summary(`all of ${corpora.join(', ')}${values.dpi ? ` at ${values.dpi} dpi` : ''}`, total, pages.length));
  for (const change of controls) {
    console.log(spread(change, 'jpeg'));
    if (touchesMrc(change)) console.log(spread(change, 'mrc'));
  }
} finally {
  await pool.close();
  rmSync(work, { recursive: true, force: true });
}
