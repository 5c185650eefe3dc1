/**
 * The hand-off of a grey OCR image to tesseract.js, PNG deflated at level 1 against stored (level 0):
 * CPU of writing the PNG here and of the engine setting the image (a job with no output asked), on
 * the same cleaned pages, alternating, in one run (docs/OCR.md).
 *
 *   npx tsx bench/ocr-handoff.bench.ts [--corpus test/fixtures/vi-admin-gen-tune] [--rounds 3]
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { cleanPage } from '../src/core/imaging/clean-page';
import { resolveEnginePaths } from '../src/core/ocr/engine-paths';
import { prepareLanguageData } from '../src/core/ocr/language-data';
import { DEFAULT_OCR_PARAMETERS } from '../src/core/ocr/tesseract-driver';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: 'test/fixtures/vi-admin-gen-tune' },
    rounds: { type: 'string', default: '3' },
  },
});

interface Api {
  recognize(image: Buffer, options: object, output: object): Promise<unknown>;
  setParameters(params: Record<string, string>): Promise<unknown>;
  terminate(): Promise<unknown>;
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const variants: Record<string, (jpeg: Buffer) => Promise<Buffer>> = {
  'deflate 1': (jpeg) => sharp(jpeg).toColourspace('b-w').png({ compressionLevel: 1 }).toBuffer(),
  stored: (jpeg) => sharp(jpeg).toColourspace('b-w').png({ compressionLevel: 0 }).toBuffer(),
};

async function main(): Promise<void> {
  const dir = join(REPO, values.corpus);
  const pages = (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { pages: { file: string }[] }).pages;
  const require = createRequire(import.meta.url);
  const { createWorker } = require('tesseract.js') as { createWorker: (l: string, oem: number, o: object) => Promise<Api> };
  const paths = resolveEnginePaths();
  const api = await createWorker('vie', 1, {
    langPath: prepareLanguageData({ langs: ['vie'], cacheDir: join(tmpdir(), 'sohoa-bench-tessdata') }),
    gzip: false,
    cacheMethod: 'none',
    workerPath: paths.workerPath,
    corePath: paths.corePath,
    errorHandler: () => {},
  });
  await api.setParameters({ ...DEFAULT_OCR_PARAMETERS });
  const images: Buffer[] = [];
  for (const p of pages) images.push((await cleanPage(readFileSync(join(dir, p.file)))).ocrImage);
  const totals = Object.fromEntries(Object.keys(variants).map((n) => [n, { write: 0, set: 0, bytes: 0 }]));
  const rounds = Number(values.rounds);
  for (let r = 0; r < rounds; r++) {
    for (const [i, image] of images.entries()) {
      const names = Object.keys(variants);
      if ((i + r) % 2) names.reverse();
      for (const name of names) {
        const t0 = cpu();
        const input = await variants[name]!(image);
        const t1 = cpu();
        await api.recognize(input, {}, { text: false });
        const total = totals[name]!;
        total.write += t1 - t0;
        total.set += cpu() - t1;
        total.bytes += input.length;
      }
    }
  }
  await api.terminate();
  const n = images.length * rounds;
  for (const [name, t] of Object.entries(totals))
    console.log(
      `${name.padEnd(10)} write ${(t.write / n).toFixed(3)}  engine set ${(t.set / n).toFixed(3)}  total ${((t.write + t.set) / n).toFixed(3)} CPU s/page, ${(t.bytes / n / 1e6).toFixed(1)} MB`,
    );
  console.log(`${images.length} pages × ${rounds} rounds, load ${loadavg()[0]!.toFixed(1)}`);
}

await main();
