/**
 * Where the CPU of one page goes on the app's OCR path, one page at a time (so the process's CPU
 * between two points belongs to one step): the clean-up (sharp decode, analysis, orientation,
 * deskew, crop, encode), the hand-off of the OCR image to tesseract.js (what the driver does to it,
 * then the engine's own decode: a job that only sets the image), the recognition, and the text
 * assembly (page-text-from-blocks). CER from test/fixtures/score.py over the same pages.
 *
 *   npx tsx bench/ocr-cpu-split.bench.ts [--corpus test/fixtures/vi-admin-gen-tune] [--param name=value …] [--init name=value …] [--label name] [--kind clean]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cleanPage } from '../src/core/imaging/clean-page';
import { resolveEnginePaths } from '../src/core/ocr/engine-paths';
import { prepareLanguageData } from '../src/core/ocr/language-data';
import { blocksFromTsv } from '../src/core/ocr/blocks-from-tsv';
import { pageTextFromBlocks } from '../src/core/ocr/page-text-from-blocks';
import { engineImage } from '../src/core/ocr/engine-image';
import { DEFAULT_OCR_PARAMETERS } from '../src/core/ocr/tesseract-driver';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: 'test/fixtures/vi-admin-gen-tune' },
    param: { type: 'string', multiple: true },
    init: { type: 'string', multiple: true },
    label: { type: 'string', default: 'split' },
    kind: { type: 'string' },
  },
});
const pairs = (list: string[] | undefined) => Object.fromEntries((list ?? []).map((p) => p.split('=') as [string, string]));
const extraParameters = pairs(values.param);
/** Parameters tesseract reads only when it loads the model (e.g. load_system_dawg). */
const initParameters = pairs(values.init);

interface Page {
  id: string;
  file: string;
  variant: string;
  expected_blank: boolean;
}

interface Api {
  recognize(image: Buffer, options: object, output: object): Promise<{ data: { tsv: string | null } }>;
  setParameters(params: Record<string, string>): Promise<unknown>;
  terminate(): Promise<unknown>;
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

async function main(): Promise<void> {
  const dir = join(REPO, values.corpus);
  const pages = (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { pages: Page[] }).pages.filter(
    (p) => !p.expected_blank && (!values.kind || p.variant === values.kind),
  );
  const require = createRequire(import.meta.url);
  const { createWorker } = require('tesseract.js') as { createWorker: (l: string, oem: number, o: object, c: object) => Promise<Api> };
  const paths = resolveEnginePaths();
  const api = await createWorker(
    'vie',
    1,
    {
      langPath: prepareLanguageData({ langs: ['vie'], cacheDir: join(tmpdir(), 'sohoa-bench-tessdata') }),
      gzip: false,
      cacheMethod: 'none',
      workerPath: paths.workerPath,
      corePath: paths.corePath,
      errorHandler: () => {},
    },
    initParameters,
  );
  await api.setParameters({ ...DEFAULT_OCR_PARAMETERS, ...extraParameters });
  const hypDir = join(REPO, 'bench/output/ocr-split', values.label);
  rmSync(hypDir, { recursive: true, force: true });
  mkdirSync(hypDir, { recursive: true });
  const totals = { clean: 0, handOff: 0, engineDecode: 0, recognize: 0, assemble: 0 };
  const stageMs: Record<string, number> = {};
  console.log('page            kind       clean  hand-off  decode  recognise  assemble   (CPU s)');
  for (const p of pages) {
    const bytes = readFileSync(join(dir, p.file));
    const t0 = cpu();
    const cleaned = await cleanPage(bytes);
    const t1 = cpu();
    const { input, width, height } = await engineImage(cleaned.ocrImage);
    const t2 = cpu();
    await api.recognize(input, {}, { text: false });
    const t3 = cpu();
    const result = await api.recognize(input, {}, { tsv: true, text: false });
    const t4 = cpu();
    const text = pageTextFromBlocks(blocksFromTsv(result.data.tsv), width, height).text;
    const t5 = cpu();
    writeFileSync(join(hypDir, `${p.id}.txt`), text);
    const row = { clean: t1 - t0, handOff: t2 - t1, engineDecode: t3 - t2, recognize: t4 - t3 - (t3 - t2), assemble: t5 - t4 };
    for (const [k, v] of Object.entries(row)) totals[k as keyof typeof totals] += v;
    for (const [k, v] of Object.entries(cleaned.timings)) stageMs[k] = (stageMs[k] ?? 0) + v;
    console.log(
      `${p.id.padEnd(15)} ${p.variant.padEnd(9)} ${[row.clean, row.handOff, row.engineDecode, row.recognize, row.assemble].map((v) => v.toFixed(2).padStart(8)).join('  ')}`,
    );
  }
  await api.terminate();
  const n = pages.length;
  console.log(
    `per page        all       ${[totals.clean, totals.handOff, totals.engineDecode, totals.recognize, totals.assemble].map((v) => (v / n).toFixed(2).padStart(8)).join('  ')}`,
  );
  console.log(
    `clean-up stages, wall ms per page: ${Object.entries(stageMs)
      .map(([k, v]) => `${k} ${Math.round(v / n)}`)
      .join(', ')}`,
  );
  const json = `${hypDir}.score.json`;
  execFileSync('python3', [join(REPO, 'test/fixtures/score.py'), dir, hypDir, '--json', json], { stdio: 'ignore' });
  const summary = JSON.parse(readFileSync(json, 'utf8')) as { overall: { cer: number }; by_variant: Record<string, { cer: number }> };
  console.log(
    `CER ${(summary.overall.cer * 100).toFixed(2)}% (${Object.entries(summary.by_variant)
      .map(([k, v]) => `${k} ${(v.cer * 100).toFixed(2)}`)
      .join(', ')}); load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
}

await main();
