/**
 * OCR benchmark, the app's path against native tesseract with orientation detection, per page kind:
 * CER (test/fixtures/score.py), CPU seconds per page and pages/min, all in the same run.
 *
 *   npx tsx bench/ocr.bench.ts                                  every corpus below, every engine
 *   npx tsx bench/ocr.bench.ts --corpus test/fixtures/vi-admin-holdout
 *   npx tsx bench/ocr.bench.ts --corpus test/fixtures/vi-admin-holdout2 --engines fast,psm1   a subset of engines
 *   npx tsx bench/ocr.bench.ts --corpus test/fixtures/vi-admin --read-dpi none           SoHoa reading every page at its own dpi
 *   npx tsx bench/ocr.bench.ts --pages 500 [--clean]            long run: cycles the corpus, prints RSS over time
 *
 * Engines: SoHoa as the app reads a page (src/core/imaging clean-up, then the OCR image through the
 * pool, 2 workers), with the fast and the best model; native `tesseract -l vie --psm 1` (orientation
 * and script detection, then layout) and `--psm 3`, two processes, OMP_THREAD_LIMIT=1. Ratios are
 * against native --psm 1. Corpora: vi-admin (the shared 20 pages, tuned on), vi-admin-gen-tune
 * (generated, tuned on) and vi-admin-holdout (generated, never tuned on): bench/corpus/generate.ts.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { OCR_MODEL_VARIANT, type OcrModel } from '../src/core/ocr/language-data';
import { OcrPool } from '../src/core/ocr/ocr-pool';
import { TesseractDriver } from '../src/core/ocr/tesseract-driver';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(REPO, 'bench/output/ocr');
const CORPORA = [
  'test/fixtures/vi-admin',
  'test/fixtures/vi-admin-gen-tune',
  'test/fixtures/vi-admin-holdout',
  'test/fixtures/vi-admin-holdout2',
];

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', multiple: true },
    workers: { type: 'string', default: '2' },
    pages: { type: 'string' },
    clean: { type: 'boolean', default: false },
    recycle: { type: 'string', default: '50' },
    engines: { type: 'string', default: 'fast,best,psm1,psm3' },
    'read-dpi': { type: 'string' },
  },
});
/** The resolution SoHoa reads sharper pages at (engine-image.ts): a number, or `none` for each page's own. */
const readDpi = values['read-dpi'] === undefined ? undefined : values['read-dpi'] === 'none' ? null : Number(values['read-dpi']);
/** Native --psm 1 is the reference every ratio is taken against, so it always runs. */
const engines = new Set([...values.engines.split(','), 'psm1']);
const workers = Number(values.workers);

interface Page {
  id: string;
  file: string;
  variant: string;
  expected_blank: boolean;
}

interface Corpus {
  dir: string;
  name: string;
  pages: Page[];
}

function loadCorpus(dir: string): Corpus {
  const abs = join(REPO, dir);
  return {
    dir: abs,
    name: dir.split('/').pop()!,
    pages: (JSON.parse(readFileSync(join(abs, 'manifest.json'), 'utf8')) as { pages: Page[] }).pages,
  };
}

/** CER per page kind and overall, from score.py's JSON. */
function score(corpus: Corpus, hypDir: string): Record<string, number> {
  const json = `${hypDir}.score.json`;
  execFileSync('python3', [join(REPO, 'test/fixtures/score.py'), corpus.dir, hypDir, '--json', json], { stdio: 'ignore' });
  const summary = JSON.parse(readFileSync(json, 'utf8')) as { overall: { cer: number }; by_variant: Record<string, { cer: number }> };
  return { all: summary.overall.cer, ...Object.fromEntries(Object.entries(summary.by_variant).map(([k, v]) => [k, v.cer])) };
}

const loadAverage = () => loadavg()[0]!.toFixed(1);

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

interface Timing {
  seconds: number;
  /** CPU seconds (user + system, every thread or process of the run): holds on a busy machine where wall time does not. */
  cpuSeconds: number;
}

interface EngineRun {
  label: string;
  /** Per page kind, and 'all'. */
  timing: Record<string, Timing>;
  cer: Record<string, number>;
  /** CPU seconds spent starting the engine's workers and reading one page on each, before any page is timed. */
  startCpuSeconds?: number;
}

const cpuSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};

const kindsOf = (pages: Page[]) => [...new Set(pages.map((p) => p.variant))].sort();

function addTiming(timing: Record<string, Timing>, kind: string, t: Timing): void {
  for (const k of [kind, 'all']) {
    const sum = (timing[k] ??= { seconds: 0, cpuSeconds: 0 });
    sum.seconds += t.seconds;
    sum.cpuSeconds += t.cpuSeconds;
  }
}

/** The app's path: clean-up, then the OCR image through the pool; one page kind at a time so each kind has its own CPU figure. */
async function runSohoa(corpus: Corpus, model: OcrModel): Promise<EngineRun> {
  const { cleanPage } = await import('../src/core/imaging/clean-page');
  const label = `sohoa (${model})`;
  const hypDir = join(OUT, corpus.name, `sohoa-${model}`);
  rmSync(hypDir, { recursive: true, force: true });
  mkdirSync(hypDir, { recursive: true });
  const driver = new TesseractDriver({ variant: OCR_MODEL_VARIANT[model], cacheDir: join(tmpdir(), 'sohoa-bench-tessdata'), readDpi });
  const pool = new OcrPool(driver, {
    workers,
    recycleAfterPages: Number(values.recycle),
  });
  // Each worker's first page costs about 1.2 CPU s more than its next ones (the engine's wasm is
  // still being compiled while it runs), and the clean-up's JS is not yet compiled either. The app
  // starts its workers once and recycles them after 50 pages, so that start is printed on its own,
  // not charged to whichever page kind is measured first (it had been: the clean pages).
  const startCpu = process.cpuUsage();
  await pool.warmUp();
  const first = await cleanPage(readFileSync(join(corpus.dir, corpus.pages.find((p) => !p.expected_blank)!.file)));
  await Promise.all(Array.from({ length: workers }, () => pool.recognize(first.ocrImage)));
  const startCpuSeconds = cpuSince(startCpu);
  const timing: Record<string, Timing> = {};
  for (const kind of kindsOf(corpus.pages)) {
    const queue = corpus.pages.filter((p) => p.variant === kind);
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    await Promise.all(
      Array.from({ length: workers }, async () => {
        for (let p = queue.shift(); p; p = queue.shift()) {
          const cleaned = await cleanPage(readFileSync(join(corpus.dir, p.file)));
          const text = cleaned.blank ? '' : (await pool.recognize(cleaned.ocrImage, { label: p.id })).text;
          writeFileSync(join(hypDir, `${p.id}.txt`), text);
        }
      }),
    );
    addTiming(timing, kind, { seconds: (performance.now() - started) / 1000, cpuSeconds: cpuSince(cpu0) });
  }
  await pool.close();
  return { label, timing, cer: score(corpus, hypDir), startCpuSeconds };
}

function nativeOne(image: string, outBase: string, psm: number): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '%U %S', 'tesseract', image, outBase, '-l', 'vie', '--psm', String(psm)], {
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', () => {
      const [user, system] = (err.trim().split('\n').pop() ?? '').split(' ').map(Number);
      const known = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? n : 0);
      resolve({ seconds: (performance.now() - t0) / 1000, cpuSeconds: known(user) + known(system) });
    });
  });
}

/** Native tesseract, `workers` processes at a time, one page kind at a time. */
async function runNative(corpus: Corpus, psm: number): Promise<EngineRun> {
  const hypDir = join(OUT, corpus.name, `native-psm${psm}`);
  rmSync(hypDir, { recursive: true, force: true });
  mkdirSync(hypDir, { recursive: true });
  const timing: Record<string, Timing> = {};
  for (const kind of kindsOf(corpus.pages)) {
    const queue = corpus.pages.filter((p) => p.variant === kind);
    let cpuSeconds = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: workers }, async () => {
        for (let p = queue.shift(); p; p = queue.shift()) {
          // Awaited first: `sum += await …` reads the sum before the wait, and the other process's pages would be lost.
          const page = await nativeOne(join(corpus.dir, p.file), join(hypDir, p.id), psm);
          cpuSeconds += page.cpuSeconds;
        }
      }),
    );
    addTiming(timing, kind, { seconds: (performance.now() - started) / 1000, cpuSeconds });
  }
  return { label: `native --psm ${psm}`, timing, cer: score(corpus, hypDir) };
}

function report(corpus: Corpus, runs: EngineRun[]): void {
  const count = (kind: string) => corpus.pages.filter((p) => kind === 'all' || p.variant === kind).length;
  const reference = runs.find((r) => r.label === 'native --psm 1')!;
  console.log(`\n${corpus.name}: ${corpus.pages.length} pages, ${workers} in parallel`);
  console.log('kind      engine            CER %   CPU s/page  pages/min   ×psm1: CER  CPU/page  pages/min');
  for (const kind of [...kindsOf(corpus.pages), 'all']) {
    if (kind === 'blank') continue;
    for (const r of runs) {
      const t = r.timing[kind]!;
      const ref = reference.timing[kind]!;
      const perMin = (count(kind) / t.seconds) * 60;
      const refPerMin = (count(kind) / ref.seconds) * 60;
      const cer = r.cer[kind] ?? NaN;
      console.log(
        `${kind.padEnd(9)} ${r.label.padEnd(16)} ${(cer * 100).toFixed(2).padStart(6)}  ${(t.cpuSeconds / count(kind)).toFixed(2).padStart(10)}  ${perMin.toFixed(1).padStart(9)}   ${(cer / (reference.cer[kind] ?? NaN)).toFixed(2).padStart(10)}  ${(t.cpuSeconds / ref.cpuSeconds).toFixed(2).padStart(8)}  ${(perMin / refPerMin).toFixed(2).padStart(9)}`,
      );
    }
  }
  const recycle = Number(values.recycle);
  const refPerPage = reference.timing.all!.cpuSeconds / count('all');
  for (const r of runs)
    if (r.startCpuSeconds !== undefined) {
      console.log(
        `${r.label}: start-up (${workers} workers, one page read on each) ${r.startCpuSeconds.toFixed(2)} CPU s, not in the figures above`,
      );
      // A worker is started again after `recycle` pages: its start-up belongs to those pages.
      const perPage = r.timing.all!.cpuSeconds / count('all') + r.startCpuSeconds / (workers * recycle);
      console.log(
        `${r.label}: all, with the start-up spread over the ${recycle} pages a worker reads: ${perPage.toFixed(2)} CPU s/page, ×${(perPage / refPerPage).toFixed(2)} native --psm 1`,
      );
    }
}

async function longRun(total: number): Promise<void> {
  const corpus = loadCorpus(CORPORA[0]!);
  const { cleanPage } = await import('../src/core/imaging/clean-page');
  const text = corpus.pages.filter((p) => !p.expected_blank);
  const images = new Map<string, Buffer>();
  for (const p of text)
    images.set(
      p.id,
      values.clean ? (await cleanPage(readFileSync(join(corpus.dir, p.file)))).ocrImage : readFileSync(join(corpus.dir, p.file)),
    );
  const pool = new OcrPool(new TesseractDriver({ cacheDir: join(tmpdir(), 'sohoa-bench-tessdata') }), {
    workers,
    recycleAfterPages: Number(values.recycle),
  });
  const started = performance.now();
  let done = 0;
  let next = 0;
  console.log(`long run: ${total} pages (${values.clean ? 'cleaned' : 'raw'}), ${workers} workers, recycle after ${values.recycle} pages`);
  console.log('pages  minutes  rss      heap');
  const line = () => {
    const m = process.memoryUsage();
    console.log(
      `${String(done).padStart(5)}  ${((performance.now() - started) / 60000).toFixed(1).padStart(7)}  ${mb(m.rss).padStart(7)}  ${mb(m.heapUsed).padStart(7)}`,
    );
  };
  line();
  await Promise.all(
    Array.from({ length: workers * 2 }, async () => {
      for (let i = next++; i < total; i = next++) {
        const p = text[i % text.length]!;
        await pool.recognize(images.get(p.id)!);
        done++;
        if (done % 25 === 0) line();
      }
    }),
  );
  const stats = pool.stats();
  await pool.close();
  console.log(
    `peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}; ${((done / (performance.now() - started)) * 60000).toFixed(1)} pages/min; ${stats.recycled} worker(s) recycled, ${stats.crashes} crash(es)`,
  );
}

async function main(): Promise<void> {
  execFileSync('bash', [join(REPO, 'bench/install-reference-tools.sh')], { stdio: 'inherit' });
  mkdirSync(OUT, { recursive: true });
  if (values.pages) return longRun(Number(values.pages));
  for (const dir of values.corpus ?? CORPORA) {
    const corpus = loadCorpus(dir);
    const loadBefore = loadAverage();
    const runs: EngineRun[] = [];
    if (engines.has('fast')) runs.push(await runSohoa(corpus, 'fast'));
    if (engines.has('best')) runs.push(await runSohoa(corpus, 'best'));
    runs.push(await runNative(corpus, 1));
    if (engines.has('psm3')) runs.push(await runNative(corpus, 3));
    report(corpus, runs);
    console.log(`load average (1 min) on ${availableParallelism()} cores: ${loadBefore} before, ${loadAverage()} after`);
  }
  console.log(`\nhypotheses in ${OUT}`);
}

await main();
