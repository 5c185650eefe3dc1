/**
 * OCR benchmark over the vi-admin corpus: quality (CER/WER by test/fixtures/score.py), speed
 * (pages/min with the pool on 2 workers) and peak memory, against native Debian tesseract on the
 * same pages in the same run (two processes in parallel, OMP_THREAD_LIMIT=1).
 *
 *   npx tsx bench/ocr.bench.ts                       both data variants + native tesseract
 *   npx tsx bench/ocr.bench.ts --variant best_int    one variant
 *   npx tsx bench/ocr.bench.ts --clean               pages go through the imaging clean-up first (both engines)
 *   npx tsx bench/ocr.bench.ts --clean --clean-image gray   … OCR its grey record image instead of the bilevel one
 *   npx tsx bench/ocr.bench.ts --pipeline            SoHoa as the app runs it (clean-up + OCR, timed together) against
 *                                                    native tesseract on the raw corpus pages: the issue's comparison
 *   npx tsx bench/ocr.bench.ts --pages 500 [--clean] long run: cycles the corpus, prints RSS over time
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { LanguageDataVariant } from '../src/core/ocr/language-data';
import { OcrPool } from '../src/core/ocr/ocr-pool';
import { TesseractDriver } from '../src/core/ocr/tesseract-driver';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = join(REPO, 'test/fixtures/vi-admin');
const OUT = join(REPO, 'bench/output/ocr');

const { values } = parseArgs({
  options: {
    variant: { type: 'string', default: 'both' },
    workers: { type: 'string', default: '2' },
    pages: { type: 'string' },
    clean: { type: 'boolean', default: false },
    /** With --clean: OCR the clean-up's bilevel OCR image (bw, default) or its record image (gray). */
    'clean-image': { type: 'string', default: 'bw' },
    recycle: { type: 'string', default: '50' },
    'no-native': { type: 'boolean', default: false },
    pipeline: { type: 'boolean', default: false },
  },
});
const workers = Number(values.workers);

interface Page {
  id: string;
  file: string;
  variant: string;
  expected_blank: boolean;
}

const pages = (JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as { pages: Page[] }).pages;

interface Score {
  cer: number;
  wer: number;
  blankWithText: number;
}

function score(hypDir: string): Score {
  const json = join(hypDir, '..', `${hypDir.split('/').pop()}.score.json`);
  execFileSync('python3', [join(REPO, 'test/fixtures/score.py'), CORPUS, hypDir, '--json', json], { stdio: 'ignore' });
  const summary = JSON.parse(readFileSync(json, 'utf8')) as { overall: { cer: number; wer: number }; blank_pages_with_text: number };
  return { cer: summary.overall.cer, wer: summary.overall.wer, blankWithText: summary.blank_pages_with_text };
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Page images as both engines get them: the files, or the imaging clean-up's OCR image. */
async function inputs(dir: string): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  if (!values.clean) {
    for (const p of pages) map.set(p.id, join(CORPUS, p.file));
    return map;
  }
  const { cleanPage } = await import('../src/core/imaging/clean-page');
  mkdirSync(dir, { recursive: true });
  for (const p of pages) {
    const cleaned = await cleanPage(readFileSync(join(CORPUS, p.file)));
    const file = join(dir, `${p.id}.${values['clean-image'] === 'gray' && cleaned.imageFormat === 'jpeg' ? 'jpg' : 'png'}`);
    writeFileSync(file, values['clean-image'] === 'gray' ? cleaned.image : cleaned.ocrImage);
    map.set(p.id, file);
  }
  return map;
}

interface Run {
  label: string;
  seconds: number;
  textSeconds: number;
  /** CPU seconds (user + system, every thread or process of the run): holds on a busy machine where wall time does not. */
  cpuSeconds: number;
  score: Score;
  peakRss?: number;
}

const cpuSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};

/** Clean-up then OCR per page, `workers` pages in flight, as the pipeline's jobs do; timed from the raw file. */
async function runPipeline(): Promise<Run> {
  const { cleanPage } = await import('../src/core/imaging/clean-page');
  const hypDir = join(OUT, 'sohoa-pipeline');
  rmSync(hypDir, { recursive: true, force: true });
  mkdirSync(hypDir, { recursive: true });
  const pool = new OcrPool(new TesseractDriver({ cacheDir: join(tmpdir(), 'sohoa-bench-tessdata') }), { workers, recycleAfterPages: Number(values.recycle) });
  await pool.warmUp();
  const queue = [...pages];
  let textSeconds = 0;
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let p = queue.shift(); p; p = queue.shift()) {
        const t0 = performance.now();
        const cleaned = await cleanPage(readFileSync(join(CORPUS, p.file)));
        const text = cleaned.blank ? '' : (await pool.recognize(cleaned.ocrImage, { label: p.id })).text;
        if (!p.expected_blank) textSeconds += (performance.now() - t0) / 1000;
        writeFileSync(join(hypDir, `${p.id}.txt`), text);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSince(cpu0);
  await pool.close();
  return { label: 'sohoa clean-up + OCR', seconds, textSeconds, cpuSeconds, score: score(hypDir), peakRss: process.resourceUsage().maxRSS * 1024 };
}

async function runPool(variant: LanguageDataVariant, files: Map<string, string>): Promise<Run> {
  const hypDir = join(OUT, `tesseractjs-${variant}`);
  rmSync(hypDir, { recursive: true, force: true });
  mkdirSync(hypDir, { recursive: true });
  const pool = new OcrPool(new TesseractDriver({ variant, cacheDir: join(tmpdir(), 'sohoa-bench-tessdata') }), { workers, recycleAfterPages: Number(values.recycle) });
  await pool.warmUp();
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  let textSeconds = 0;
  await Promise.all(
    pages.map(async (p) => {
      const t0 = performance.now();
      const text = await pool.recognize(readFileSync(files.get(p.id)!), { label: p.id });
      if (!p.expected_blank) textSeconds += (performance.now() - t0) / 1000;
      writeFileSync(join(hypDir, `${p.id}.txt`), text.text);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSince(cpu0);
  await pool.close();
  return { label: `tesseract.js ${variant}`, seconds, textSeconds, cpuSeconds, score: score(hypDir), peakRss: process.resourceUsage().maxRSS * 1024 };
}

function nativeOne(image: string, outBase: string): Promise<{ seconds: number; cpuSeconds: number; rss: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '%M %U %S', 'tesseract', image, outBase, '-l', 'vie+eng', '--oem', '1', '--psm', '3'], {
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', () => {
      const [rssKb, user, system] = (err.trim().split('\n').pop() ?? '').split(' ').map(Number);
      const known = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? n : 0);
      resolve({ seconds: (performance.now() - t0) / 1000, cpuSeconds: known(user) + known(system), rss: known(rssKb) * 1024 });
    });
  });
}

async function runNative(files: Map<string, string>): Promise<Run> {
  const hypDir = join(OUT, 'native');
  rmSync(hypDir, { recursive: true, force: true });
  mkdirSync(hypDir, { recursive: true });
  const queue = [...pages];
  let peakRss = 0;
  let textSeconds = 0;
  let cpuSeconds = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let p = queue.shift(); p; p = queue.shift()) {
        const r = await nativeOne(files.get(p.id)!, join(hypDir, p.id));
        peakRss = Math.max(peakRss, r.rss);
        cpuSeconds += r.cpuSeconds;
        if (!p.expected_blank) textSeconds += r.seconds;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { label: 'native tesseract 5', seconds, textSeconds, cpuSeconds, score: score(hypDir), peakRss };
}

async function longRun(total: number, files: Map<string, string>): Promise<void> {
  const text = pages.filter((p) => !p.expected_blank);
  const pool = new OcrPool(new TesseractDriver({ cacheDir: join(tmpdir(), 'sohoa-bench-tessdata') }), { workers, recycleAfterPages: Number(values.recycle) });
  const started = performance.now();
  let done = 0;
  let next = 0;
  console.log(`long run: ${total} pages (${values.clean ? 'cleaned' : 'raw'}), ${workers} workers, recycle after ${values.recycle} pages`);
  console.log('pages  minutes  rss      heap');
  const report = () => {
    const m = process.memoryUsage();
    console.log(`${String(done).padStart(5)}  ${((performance.now() - started) / 60000).toFixed(1).padStart(7)}  ${mb(m.rss).padStart(7)}  ${mb(m.heapUsed).padStart(7)}`);
  };
  report();
  await Promise.all(
    Array.from({ length: workers * 2 }, async () => {
      for (let i = next++; i < total; i = next++) {
        const p = text[i % text.length]!;
        await pool.recognize(readFileSync(files.get(p.id)!));
        done++;
        if (done % 25 === 0) report();
      }
    }),
  );
  const stats = pool.stats();
  await pool.close();
  console.log(`peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}; ${((done / (performance.now() - started)) * 60000).toFixed(1)} pages/min; ${stats.recycled} worker(s) recycled, ${stats.crashes} crash(es)`);
}

async function main(): Promise<void> {
  execFileSync('bash', [join(REPO, 'bench/install-reference-tools.sh')], { stdio: 'inherit' });
  mkdirSync(OUT, { recursive: true });
  const files = await inputs(join(OUT, 'cleaned'));
  if (values.pages) return longRun(Number(values.pages), files);

  const variants: LanguageDataVariant[] = values.variant === 'both' ? ['best_int', 'legacy'] : [values.variant as LanguageDataVariant];
  const runs: Run[] = [];
  if (values.pipeline) runs.push(await runPipeline());
  else for (const v of variants) runs.push(await runPool(v, files));
  const native = values['no-native'] ? null : await runNative(files);
  if (native) runs.push(native);

  const textPages = pages.filter((p) => !p.expected_blank).length;
  console.log(`\nOCR over vi-admin: ${pages.length} pages (${textPages} with text), ${workers} parallel, input ${values.pipeline ? 'raw files (SoHoa cleans them inside the timed run)' : values.clean ? `cleaned by src/core/imaging (${values['clean-image']})` : 'raw files'}`);
  console.log('engine                   CER     WER     pages/min  wall s  CPU s/page  blank→text  peak RSS');
  for (const r of runs) {
    console.log(
      `${r.label.padEnd(24)} ${r.score.cer.toFixed(4)}  ${r.score.wer.toFixed(4)}  ${((pages.length / r.seconds) * 60).toFixed(1).padStart(9)}  ${r.seconds.toFixed(0).padStart(6)}  ${(r.cpuSeconds / pages.length).toFixed(2).padStart(10)}  ${String(r.score.blankWithText).padStart(10)}  ${r.peakRss ? mb(r.peakRss) : '-'}`,
    );
  }
  if (native) {
    for (const r of runs.filter((x) => x !== native)) {
      console.log(`ratio ${r.label} / native: speed ×${(native.seconds / r.seconds).toFixed(2)} (pages/min), CPU per page ×${(native.cpuSeconds / r.cpuSeconds).toFixed(2)} (the speed a fully busy machine would see), CER ×${(r.score.cer / native.score.cer).toFixed(2)}, WER ×${(r.score.wer / native.score.wer).toFixed(2)}`);
    }
  }
  console.log(`hypotheses in ${OUT}`);
}

await main();
