/**
 * Ways of reading a kind of page, judged on the tuning corpora only: SoHoa's reader as it is, with
 * tesseract's noise removal forced on, and with the OCR image upscaled 1.5× (200 → 300 dpi), alone
 * and with noise removal. CER per corpus (test/fixtures/score.py) and CPU per way (docs/OCR.md).
 *
 *   npx tsx bench/ocr-degraded-variants.bench.ts [--kind degraded|all] [--corpus test/fixtures/vi-admin-gen-tune …] [--ways base,nr,up,upnr]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { cleanPage } from '../src/core/imaging/clean-page';
import { TesseractDriver } from '../src/core/ocr/tesseract-driver';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    kind: { type: 'string', default: 'degraded' },
    corpus: { type: 'string', multiple: true, default: ['test/fixtures/vi-admin', 'test/fixtures/vi-admin-gen-tune'] },
    ways: { type: 'string', default: 'base,nr,up,upnr' },
  },
});

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

async function upscaled(image: Buffer, factor: number): Promise<Buffer> {
  const meta = await sharp(image).metadata();
  return sharp(image)
    .resize(Math.round(meta.width! * factor), Math.round(meta.height! * factor), { kernel: 'lanczos3' })
    .withDensity(Math.round((meta.density ?? 200) * factor))
    .toColourspace('b-w')
    .jpeg({ quality: 95 })
    .toBuffer();
}

async function main(): Promise<void> {
  const cacheDir = join(tmpdir(), 'sohoa-bench-tessdata');
  const base = await new TesseractDriver({ cacheDir }).startWorker();
  const nr = await new TesseractDriver({ cacheDir, parameters: { enable_noise_removal: '1' } }).startWorker();
  const allWays: [string, (image: Buffer) => Promise<string>][] = [
    ['base', async (i) => (await base.recognize(i)).text],
    ['nr', async (i) => (await nr.recognize(i)).text],
    ['up', async (i) => (await base.recognize(await upscaled(i, 1.5))).text],
    ['upnr', async (i) => (await nr.recognize(await upscaled(i, 1.5))).text],
  ];
  const ways = allWays.filter(([name]) => values.ways.split(',').includes(name));
  const cpuByWay: Record<string, number> = {};
  for (const corpus of values.corpus) {
    const dir = join(REPO, corpus);
    const pages = (
      JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { pages: { id: string; file: string; variant: string }[] }
    ).pages.filter((p) => values.kind === 'all' || p.variant === values.kind);
    const out = join(REPO, 'bench/output/ocr-variants', corpus.split('/').pop()!);
    for (const [name] of ways) {
      rmSync(join(out, name), { recursive: true, force: true });
      mkdirSync(join(out, name), { recursive: true });
    }
    for (const p of pages) {
      const image = (await cleanPage(readFileSync(join(dir, p.file)))).ocrImage;
      for (const [name, read] of ways) {
        const t = cpu();
        writeFileSync(join(out, name, `${p.id}.txt`), await read(image));
        cpuByWay[name] = (cpuByWay[name] ?? 0) + cpu() - t;
      }
    }
    for (const [name] of ways) {
      const json = join(out, `${name}.json`);
      const only = values.kind === 'all' ? [] : ['--variant', values.kind];
      execFileSync('python3', [join(REPO, 'test/fixtures/score.py'), dir, join(out, name), '--json', json, ...only], { stdio: 'ignore' });
      const s = JSON.parse(readFileSync(json, 'utf8')) as { overall: { cer: number }; by_variant: Record<string, { cer: number }> };
      const kinds = Object.entries(s.by_variant).map(([k, v]) => `${k} ${(v.cer * 100).toFixed(2)}`);
      console.log(`${corpus} ${name.padEnd(5)} CER ${(s.overall.cer * 100).toFixed(2)}% (${kinds.join(', ')})`);
    }
  }
  console.log(
    `CPU s by way: ${Object.entries(cpuByWay)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join(', ')}; load ${loadavg()[0]!.toFixed(1)}`,
  );
  for (const worker of [base, nr]) await worker.terminate();
}

await main();
