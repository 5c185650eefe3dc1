/**
 * Page clean-up benchmark: ms per page per stage and in total over the vi-admin corpus,
 * peak RSS, against unpaper (the Debian reference) on the same pages in the same run, and
 * against tesseract's OCR time per page (the target: clean-up under 1/4 of OCR time).
 *
 *   npx tsx bench/imaging.bench.ts [--ocr-pages N]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createWorker } from 'tesseract.js';
import { cleanPage, type CleanStageName } from '../src/core/imaging/clean-page';

interface ManifestPage {
  id: string;
  file: string;
  variant: string;
  color: string;
}

const root = join(import.meta.dirname, '..');
const corpus = join(root, 'test', 'fixtures', 'vi-admin');
const pages: ManifestPage[] = JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8')).pages;
const ocrPageCount = Number(process.argv[process.argv.indexOf('--ocr-pages') + 1]) || 3;

execFileSync('bash', [join(root, 'bench', 'install-reference-tools.sh')], { stdio: 'inherit' });

const work = mkdtempSync(join(tmpdir(), 'sohoa-imaging-bench-'));
try {
  await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}

async function main(): Promise<void> {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

  await cleanPage(readFileSync(join(corpus, pages[0]!.file))); // warm-up, not counted
  const stageTotals = new Map<CleanStageName, number>();
  let ours = 0;
  for (const page of pages) {
    const bytes = readFileSync(join(corpus, page.file));
    const start = performance.now();
    const result = await cleanPage(bytes);
    ours += performance.now() - start;
    for (const [stage, ms] of Object.entries(result.timings))
      stageTotals.set(stage as CleanStageName, (stageTotals.get(stage as CleanStageName) ?? 0) + ms);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  clearInterval(sampler);
  const oursPerPage = ours / pages.length;

  // unpaper reads PNM: convert first (not timed), then time unpaper alone, default filters.
  let unpaper = 0;
  for (const page of pages) {
    const input = join(work, `${page.id}.${page.color === 'rgb' ? 'ppm' : 'pgm'}`);
    writeFileSync(input, await toPnm(join(corpus, page.file), page.color === 'rgb'));
    const output = join(work, `${page.id}-out.pnm`);
    const start = performance.now();
    const run = spawnSync('unpaper', ['--overwrite', '--no-multi-pages', input, output], { encoding: 'utf8' });
    unpaper += performance.now() - start;
    if (run.status !== 0) throw new Error(`unpaper failed on ${page.id}: ${run.stderr}`);
  }
  const unpaperPerPage = unpaper / pages.length;

  // tesseract on a few text pages of different kinds, one thread, as the OCR time reference.
  const ocrPages = ['clean', 'degraded', 'stamp', 'rotated'].map((v) => pages.find((p) => p.variant === v)!).slice(0, ocrPageCount);
  let ocr = 0;
  for (const page of ocrPages) {
    const start = performance.now();
    const run = spawnSync('tesseract', [join(corpus, page.file), '-', '-l', 'vie'], {
      encoding: 'utf8',
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    });
    ocr += performance.now() - start;
    if (run.status !== 0) throw new Error(`tesseract failed on ${page.id}: ${run.stderr}`);
  }
  const ocrPerPage = ocr / ocrPages.length;

  // tesseract.js with the LSTM best_int model the app ships: the OCR the clean-up actually precedes.
  const langPath = join(work, 'lang');
  mkdirSync(langPath);
  copyFileSync(
    join(root, 'node_modules', '@tesseract.js-data', 'vie', '4.0.0_best_int', 'vie.traineddata.gz'),
    join(langPath, 'vie.traineddata.gz'),
  );
  const worker = await createWorker('vie', 1, { langPath, cacheMethod: 'none', gzip: true });
  let js = 0;
  for (const page of ocrPages) {
    const start = performance.now();
    await worker.recognize(join(corpus, page.file));
    js += performance.now() - start;
  }
  await worker.terminate();
  const jsPerPage = js / ocrPages.length;

  const fmt = (ms: number) => ms.toFixed(1).padStart(8);
  console.log(
    `\nImage clean-up over ${pages.length} corpus pages (sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, node ${process.version})`,
  );
  console.log('stage            ms/page');
  for (const [stage, total] of [...stageTotals.entries()].sort((a, b) => b[1] - a[1]))
    console.log(`  ${stage.padEnd(14)}${fmt(total / pages.length)}`);
  console.log(`  ${'TOTAL'.padEnd(14)}${fmt(oursPerPage)}   (wall clock of cleanPage, ${fmt(ours / 1000).trim()} s for the corpus)`);
  console.log(`peak RSS: ${(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 2 ** 20).toFixed(0)} MiB`);
  console.log(
    `unpaper (default filters) ms/page: ${fmt(unpaperPerPage).trim()}   ratio sohoa/unpaper: ${(oursPerPage / unpaperPerPage).toFixed(2)}`,
  );
  console.log(`tesseract -l vie (OMP_THREAD_LIMIT=1) ms/page over ${ocrPages.length} pages: ${fmt(ocrPerPage).trim()}`);
  console.log(`ratio clean-up/OCR (native tesseract): ${(oursPerPage / ocrPerPage).toFixed(3)} (target < 0.25)`);
  console.log(`tesseract.js vie best_int (the app's engine) ms/page over ${ocrPages.length} pages: ${fmt(jsPerPage).trim()}`);
  console.log(`ratio clean-up/OCR (tesseract.js): ${(oursPerPage / jsPerPage).toFixed(3)} (target < 0.25)`);
}

/** Binary PGM (grey) or PPM (colour) of an image file. */
async function toPnm(path: string, colour: boolean): Promise<Buffer> {
  const pipeline = colour ? sharp(path).toColourspace('srgb').removeAlpha() : sharp(path).toColourspace('b-w');
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return Buffer.concat([Buffer.from(`${colour ? 'P6' : 'P5'}\n${info.width} ${info.height}\n255\n`, 'latin1'), data]);
}
