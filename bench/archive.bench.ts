/**
 * Archive batch benchmark: end-to-end pages per hour for a batch of N corpus pages through
 * `sohoa batch` (clean-up + OCR + PDF/A, then signing every record with a PKCS#12 key), and its
 * peak memory, against `ocrmypdf --output-type pdfa --deskew --rotate-pages --jobs 2` on the same
 * pages in the same run (one call per dossier, its pages given as an image-only PDF made beforehand,
 * not timed). The corpus pages are used again and again, each copy made distinct (a PNG text chunk
 * or a JPEG comment naming the copy) so content hashes differ and nothing is deduplicated.
 *
 * While SoHoa runs, its resident memory is sampled every few seconds, to show whether it stays flat;
 * `--no-reference` leaves out ocrmypdf (the 2,000-page memory run).
 *
 * Beside pages per hour it prints bytes per page (SoHoa's signed records, OCRmyPDF's PDF/A) and the
 * text layer's CER: `pdftotext -layout` of each record page against the corpus truth (micro-averaged).
 * OCRmyPDF reads with SoHoa's languages (`-l vie`, DEFAULT_OCR_LANGS). MRC's cost: every record's
 * pages, as the batch cleaned and read them, assembled again in this process with `record.compression`
 * mrc and with jpeg (no OCR, no signing): seconds each and their ratio.
 *
 *   npx tsx bench/archive.bench.ts [--pages N] [--per-dossier K] [--workers W] [--no-reference]
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { Engine } from '../src/core/engine';
import { DEFAULT_OCR_LANGS } from '../src/core/ocr/tesseract-driver';
import { buildRecordPdf, type RecordCompression, type RecordPage } from '../src/core/record/build-record-pdf';
import { openP12Signer } from '../src/core/record/p12-signer';
import { signPdf } from '../src/core/record/sign-pdf';
import { TEST_AGENCY_ARGS } from '../test/support/agency';
import { editDistance, scoringForm } from '../test/support/char-error-rate';
import { makeBenchP12 } from './support/bench-p12';
import { distinctCopy } from './support/distinct-copy';
import type { PageText } from '../src/shared/page-text';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = join(REPO, 'test/fixtures/vi-admin');
const { values } = parseArgs({
  options: {
    pages: { type: 'string' },
    'per-dossier': { type: 'string' },
    workers: { type: 'string' },
    'no-reference': { type: 'boolean' },
  },
});
const N = Number(values.pages ?? 200);
const PER = Number(values['per-dossier'] ?? 10);
const WORKERS = Number(values.workers ?? 2);

interface Page {
  id: string;
  file: string;
  truth: string;
  dpi: number;
  format: string;
}

execFileSync('bash', [join(REPO, 'bench/install-reference-tools.sh')], { stdio: 'inherit' });
const corpus = (JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as { pages: Page[] }).pages.filter(
  (p) => p.format === 'png' || p.format === 'jpeg' || p.format === 'jpg',
);

/** Runs a command under GNU time: wall seconds and peak RSS of the process (threads included). */
function timed(
  cmd: string,
  args: string[],
  cwd = REPO,
): { seconds: number; peakKb: number; status: number | null; stdout: string; stderr: string } {
  const started = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'PEAK_KB=%M', cmd, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const peak = /PEAK_KB=(\d+)/.exec(r.stderr ?? '');
  return {
    seconds: (performance.now() - started) / 1000,
    peakKb: peak ? Number(peak[1]) : 0,
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
  };
}

const rssKb = (pid: number): number => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
};

/** As `timed`, without blocking: meanwhile the resident memory of the command (the child of `time`) is sampled. */
async function timedSampled(
  cmd: string,
  args: string[],
  everyMs = 5000,
): Promise<ReturnType<typeof timed> & { samples: { s: number; kb: number }[] }> {
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-f', 'PEAK_KB=%M', cmd, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const samples: { s: number; kb: number }[] = [];
  const timer = setInterval(() => {
    const inner = (() => {
      try {
        return Number(readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/)[0]);
      } catch {
        return 0;
      }
    })();
    if (inner) samples.push({ s: (performance.now() - started) / 1000, kb: rssKb(inner) });
  }, everyMs);
  const status = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(timer);
  const peak = /PEAK_KB=(\d+)/.exec(stderr);
  return { seconds: (performance.now() - started) / 1000, peakKb: peak ? Number(peak[1]) : 0, status, stdout, stderr, samples };
}

/** Resident memory at each tenth of the run: flat or growing. */
function memoryProfile(samples: { s: number; kb: number }[], seconds: number): string {
  const at = (f: number) => {
    const near = samples.filter((x) => x.s <= f * seconds);
    return near.length ? Math.max(...near.slice(-3).map((x) => x.kb)) : 0;
  };
  return [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1].map((f) => `${f * 100}%: ${(at(f) / 1024).toFixed(0)} MB`).join(', ');
}

/** The corpus page a batch page came from: its file is `HS <d>/p<k>.<ext>` in the tree. */
let corpusPageOf: (source: string) => Page = () => {
  throw new Error('tree not built');
};

/** Adds each page's text-layer edits against its truth (pdftotext -layout of that page). */
function scoreLayer(into: { edits: number; chars: number }, pdf: Uint8Array, pages: Page[]): void {
  const file = join(work, 'score.pdf');
  writeFileSync(file, pdf);
  pages.forEach((page, i) => {
    const layer = execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' });
    const truth = scoringForm(readFileSync(join(CORPUS, page.truth), 'utf8'));
    into.edits += editDistance(truth, scoringForm(layer));
    into.chars += Array.from(truth).length;
  });
}

const layerLine = (l: { bytes: number; pages: number; edits: number; chars: number }) =>
  `${(l.bytes / Math.max(1, l.pages) / 1024).toFixed(0)} KB/page over ${l.pages} page(s); text layer CER (pdftotext -layout vs truth) ${((100 * l.edits) / Math.max(1, l.chars)).toFixed(2)}%`;

const OCR_LANGS = DEFAULT_OCR_LANGS.join('+');

/** Seconds to assemble the records of these documents' pages with the given compression. */
async function assembleSeconds(documents: RecordPage[][], compression: RecordCompression): Promise<{ seconds: number; bytes: number }> {
  let bytes = 0;
  const t = performance.now();
  for (const pages of documents)
    bytes += (await buildRecordPdf({ pages, compression, metadata: { title: 'bench', digitizedAt: new Date() } })).length;
  return { seconds: (performance.now() - t) / 1000, bytes };
}

const work = mkdtempSync(join(tmpdir(), 'sohoa-archive-bench-'));
try {
  const tree = join(work, 'tree');
  const dossiers: { folder: string; pages: { bytes: Buffer; page: Page }[] }[] = [];
  for (let i = 0; i < N; i++) {
    const d = Math.floor(i / PER);
    if (!dossiers[d]) dossiers[d] = { folder: join(tree, `HS ${d + 1}`), pages: [] };
    const page = corpus[i % corpus.length]!;
    dossiers[d].pages.push({ bytes: distinctCopy(readFileSync(join(CORPUS, page.file)), i), page });
  }
  const register = ['Hồ sơ số,Tiêu đề,Năm,Số trang,Thời hạn bảo quản'];
  for (const [d, dossier] of dossiers.entries()) {
    mkdirSync(dossier.folder, { recursive: true });
    dossier.pages.forEach((p, k) =>
      writeFileSync(join(dossier.folder, `p${String(k + 1).padStart(3, '0')}.${p.page.format === 'png' ? 'png' : 'jpg'}`), p.bytes),
    );
    register.push(`${d + 1},Hồ sơ ${d + 1},2020,${dossier.pages.length},Vĩnh viễn`);
  }
  writeFileSync(join(work, 'register.csv'), register.join('\n'));
  corpusPageOf = (source) => {
    const m = /HS (\d+)[\\/]p(\d+)\.\w+$/.exec(source);
    if (!m) throw new Error(`not a bench page: ${source}`);
    return dossiers[Number(m[1]) - 1]!.pages[Number(m[2]) - 1]!.page;
  };

  // SoHoa: the batch as the CLI runs it, then every record signed.
  const dataDir = join(work, 'data');
  const ours = await timedSampled(process.execPath, [
    'bin/sohoa.mjs',
    'batch',
    ...TEST_AGENCY_ARGS,
    tree,
    '--manifest',
    join(work, 'register.csv'),
    '--data-dir',
    dataDir,
    '--workers',
    String(WORKERS),
    '--json',
  ]);
  if (ours.status !== 0) throw new Error(`sohoa batch failed: ${ours.stderr.split('\n').slice(-5).join('\n')}`);
  const report = JSON.parse(ours.stdout) as { pages: { read: number; failed: number; records: number } };
  const { path: p12Path, password } = makeBenchP12(work);
  const signer = await openP12Signer(new Uint8Array(readFileSync(p12Path)), password);
  const engine = Engine.open({ dataDir });
  let signSeconds = 0;
  let documents: RecordPage[][] = [];
  const oursLayer = { bytes: 0, pages: 0, edits: 0, chars: 0 };
  try {
    const records = engine.store.db.prepare('SELECT pdf_sha256 AS sha, document_id AS documentId FROM record').all() as {
      sha: string;
      documentId: number;
    }[];
    const signed: { pdf: Uint8Array; documentId: number }[] = [];
    const t = performance.now();
    for (const r of records) signed.push({ pdf: await signPdf(engine.store.blobs.get(r.sha), { signer }), documentId: r.documentId });
    signSeconds = (performance.now() - t) / 1000;
    documents = records.map((r) =>
      engine.store.pages
        .ofDocument(r.documentId)
        .filter((p) => p.state === 'read')
        .map((p) => {
          const image = engine.store.blobs.get(p.cleanSha256!);
          const text = JSON.parse(engine.store.blobs.get(p.textSha256!).toString('utf8')) as PageText;
          return {
            image,
            format: image[0] === 0xff ? ('jpeg' as const) : ('png' as const),
            width: p.width!,
            height: p.height!,
            dpi: p.dpi!,
            colorMode: (p.colorMode ?? 'gray') as RecordPage['colorMode'],
            text,
          };
        }),
    );
    const sources = engine.store.db.prepare("SELECT source FROM page WHERE document_id = ? AND state = 'read' ORDER BY position");
    for (const { pdf, documentId } of signed) {
      const pages = (sources.all(documentId) as { source: string }[]).map((p) => corpusPageOf(p.source));
      oursLayer.bytes += pdf.length;
      oursLayer.pages += pages.length;
      scoreLayer(oursLayer, pdf, pages);
    }
  } finally {
    await engine.close();
  }
  const oursSeconds = ours.seconds + signSeconds;
  const mrcBuild = await assembleSeconds(documents, 'mrc');
  const jpegBuild = await assembleSeconds(documents, 'jpeg');

  // The reference: ocrmypdf per dossier.
  let refSeconds = 0;
  let refPeakKb = 0;
  let refFailed = 0;
  const refLayer = { bytes: 0, pages: 0, edits: 0, chars: 0 };
  for (const [d, dossier] of values['no-reference'] ? [] : dossiers.entries()) {
    const doc = await PDFDocument.create();
    for (const { bytes, page } of dossier.pages) {
      const image = bytes[0] === 0x89 ? await doc.embedPng(bytes) : await doc.embedJpg(bytes);
      const scale = 72 / page.dpi;
      doc
        .addPage([image.width * scale, image.height * scale])
        .drawImage(image, { x: 0, y: 0, width: image.width * scale, height: image.height * scale });
    }
    const input = join(work, `in-${d + 1}.pdf`);
    writeFileSync(input, await doc.save());
    const r = timed('ocrmypdf', [
      '--output-type',
      'pdfa',
      '--deskew',
      '--rotate-pages',
      '--jobs',
      '2',
      '-l',
      OCR_LANGS,
      '-q',
      input,
      join(work, `out-${d + 1}.pdf`),
    ]);
    refSeconds += r.seconds;
    refPeakKb = Math.max(refPeakKb, r.peakKb);
    if (r.status !== 0) {
      refFailed++;
      process.stderr.write(`ocrmypdf failed on dossier ${d + 1}: ${r.stderr.split('\n')[0]}\n`);
    } else {
      const pdf = readFileSync(join(work, `out-${d + 1}.pdf`));
      refLayer.bytes += pdf.length;
      refLayer.pages += dossier.pages.length;
      scoreLayer(
        refLayer,
        pdf,
        dossier.pages.map((p) => p.page),
      );
    }
  }

  const perHour = (seconds: number) => ((N / seconds) * 3600).toFixed(0);
  const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
  const lines = [
    `pages: ${N} in ${dossiers.length} dossier(s) (vi-admin corpus pages reused, made distinct), ${WORKERS} OCR worker(s)`,
    `sohoa batch (clean-up + OCR + PDF/A): ${ours.seconds.toFixed(0)} s; signing ${report.pages.records} record(s): ${signSeconds.toFixed(1)} s; ${perHour(oursSeconds)} pages/hour; peak RSS ${mb(ours.peakKb)}; read ${report.pages.read}, failed ${report.pages.failed}`,
    `sohoa records: ${layerLine(oursLayer)}`,
    `record assembly of the same ${documents.length} record(s), in this process: mrc ${mrcBuild.seconds.toFixed(1)} s (${(mrcBuild.bytes / N / 1024).toFixed(0)} KB/page), jpeg ${jpegBuild.seconds.toFixed(1)} s (${(jpegBuild.bytes / N / 1024).toFixed(0)} KB/page); ratio mrc / jpeg ${(mrcBuild.seconds / jpegBuild.seconds).toFixed(2)}; mrc's extra ${((mrcBuild.seconds - jpegBuild.seconds) / N).toFixed(2)} s/page = ${((100 * (mrcBuild.seconds - jpegBuild.seconds)) / oursSeconds).toFixed(1)}% of sohoa's end-to-end time`,
    `sohoa batch resident memory over the run (at each tenth of its time): ${memoryProfile(ours.samples, ours.seconds)}`,
  ];
  if (!values['no-reference'])
    lines.push(
      `ocrmypdf --output-type pdfa --deskew --rotate-pages --jobs 2 -l ${OCR_LANGS} (per dossier): ${refSeconds.toFixed(0)} s; ${perHour(refSeconds)} pages/hour; peak RSS ${mb(refPeakKb)} (its largest process)${refFailed ? `; ${refFailed} failed` : ''}`,
      `ocrmypdf records: ${layerLine(refLayer)}`,
      `ratio pages/hour (sohoa / ocrmypdf): ${(refSeconds / oursSeconds).toFixed(2)}; ratio bytes/page: ${(oursLayer.bytes / oursLayer.pages / (refLayer.bytes / refLayer.pages)).toFixed(2)}`,
    );
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
