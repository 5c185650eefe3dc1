/**
 * Record assembly alone, mixed raster content against the scan's JPEG: corpus pages cleaned as the
 * batch cleans them (cleanPage, not timed), each given a text layer of its truth's words on a grid
 * (the OCR's word count, without running OCR), then assembled into a one-page record with
 * `record.compression` mrc and with jpeg, in this process, no signing. Prints per page for each:
 * CPU milliseconds (all threads, libvips' included) and wall milliseconds, their ratios, and bytes.
 * Each page is assembled `--rounds` times per mode (modes interleaved, so a busy machine weighs on
 * both alike) and the median round is kept. CPU time is the figure to compare on a shared machine.
 *
 *   npx tsx bench/record-assembly.bench.ts [--pages N] [--rounds R] [--corpus vi-admin,vi-admin-holdout]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cleanPage } from '../src/core/imaging/clean-page';
import { buildRecordPdf, type RecordCompression, type RecordPage } from '../src/core/record/build-record-pdf';
import type { OcrLine, OcrWord, PageText } from '../src/shared/page-text';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: { pages: { type: 'string' }, rounds: { type: 'string' }, corpus: { type: 'string' } },
});
const corpora = (values.corpus ?? 'vi-admin').split(',');
const rounds = Number(values.rounds ?? 3);

interface Page {
  id: string;
  file: string;
  truth: string;
  variant: string;
}

/** The truth's words on a grid of boxes in the page's pixels: a text layer as large as the OCR's. */
function truthLayer(truth: string, width: number, height: number): PageText {
  const lines = truth.split('\n').filter((l) => l.trim());
  const lineHeight = Math.max(10, Math.floor((height * 0.9) / Math.max(1, lines.length)));
  const ocrLines: OcrLine[] = lines.map((line, k) => {
    const y0 = Math.round(height * 0.05) + k * lineHeight;
    const y1 = y0 + Math.round(lineHeight * 0.7);
    let x = Math.round(width * 0.08);
    const words: OcrWord[] = line
      .trim()
      .split(/\s+/)
      .map((text) => {
        const w = Math.round(width * 0.012 * text.length);
        const word = { text, bbox: { x0: x, y0, x1: x + w, y1 }, confidence: 90 };
        x += w + Math.round(width * 0.01);
        return word;
      });
    return { text: line.trim(), bbox: { x0: words[0]!.bbox.x0, y0, x1: x, y1 }, confidence: 90, words };
  });
  return { text: lines.join('\n'), lines: ocrLines, confidence: 90, width, height };
}

const listed = corpora.flatMap((name) => {
  const dir = join(REPO, 'test/fixtures', name);
  return (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { pages: Page[] }).pages
    .filter((p) => p.variant !== 'blank')
    .map((p) => ({ ...p, path: join(dir, p.file), truthPath: join(dir, p.truth) }));
});
const chosen = values.pages ? listed.slice(0, Number(values.pages)) : listed;

const pages: (RecordPage & { id: string })[] = [];
for (const p of chosen) {
  const cleaned = await cleanPage(readFileSync(p.path));
  pages.push({
    id: p.id,
    image: cleaned.image,
    format: cleaned.imageFormat,
    width: cleaned.width,
    height: cleaned.height,
    dpi: cleaned.dpi,
    colorMode: cleaned.colorMode,
    text: truthLayer(readFileSync(p.truthPath, 'utf8'), cleaned.width, cleaned.height),
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const assemble = async (page: RecordPage, compression: RecordCompression) => {
  const wall = performance.now();
  const cpu = cpuMs();
  const pdf = await buildRecordPdf({ pages: [page], compression, metadata: { title: 'bench', digitizedAt: new Date() } });
  return { cpu: cpuMs() - cpu, wall: performance.now() - wall, bytes: pdf.length };
};

type Run = { cpu: number; wall: number; bytes: number };
const total: Record<RecordCompression, Run> = { mrc: { cpu: 0, wall: 0, bytes: 0 }, jpeg: { cpu: 0, wall: 0, bytes: 0 } };
for (const page of pages) {
  const runs: Record<RecordCompression, Run[]> = { mrc: [], jpeg: [] };
  for (let r = 0; r < rounds; r++) for (const mode of ['mrc', 'jpeg'] as const) runs[mode].push(await assemble(page, mode));
  const kept = (mode: RecordCompression): Run => ({
    cpu: median(runs[mode].map((r) => r.cpu)),
    wall: median(runs[mode].map((r) => r.wall)),
    bytes: runs[mode][0]!.bytes,
  });
  const line = [];
  for (const mode of ['mrc', 'jpeg'] as const) {
    const k = kept(mode);
    total[mode].cpu += k.cpu;
    total[mode].wall += k.wall;
    total[mode].bytes += k.bytes;
    line.push(`${mode} ${k.cpu.toFixed(0)} ms CPU ${k.wall.toFixed(0)} ms wall ${(k.bytes / 1024).toFixed(0)} KB`);
  }
  console.log(`${page.id} ${page.colorMode} ${page.dpi} dpi ${page.width}x${page.height}: ${line.join('; ')}`);
}
const n = pages.length;
const per = (r: Run) =>
  `${(r.cpu / n).toFixed(0)} ms CPU, ${(r.wall / n).toFixed(0)} ms wall, ${(r.bytes / n / 1024).toFixed(0)} KB per page`;
console.log(
  `record assembly over ${n} page(s), median of ${rounds} round(s): mrc ${per(total.mrc)}; jpeg ${per(total.jpeg)}; ratio mrc / jpeg CPU ${(total.mrc.cpu / total.jpeg.cpu).toFixed(2)}, wall ${(total.mrc.wall / total.jpeg.wall).toFixed(2)}`,
);
