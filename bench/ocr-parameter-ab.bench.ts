/**
 * Tesseract parameters A/B on the same pages in the same run: each page is cleaned once, then read
 * by a worker with SoHoa's parameters and by one with candidate parameters, one after the other and
 * in alternating order, so load from other work weighs on both alike. Prints recognition CPU per
 * page and CER (test/fixtures/score.py) for each side. Tune on the tuning corpus only.
 *
 *   npx tsx bench/ocr-parameter-ab.bench.ts --param tessedit_fix_fuzzy_spaces=0 [--corpus test/fixtures/vi-admin-gen-tune] [--rounds 2] [--label name]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cleanPage } from '../src/core/imaging/clean-page';
import { TesseractDriver } from '../src/core/ocr/tesseract-driver';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: 'test/fixtures/vi-admin-gen-tune' },
    param: { type: 'string', multiple: true },
    rounds: { type: 'string', default: '2' },
    label: { type: 'string', default: 'ab' },
  },
});
const candidate = Object.fromEntries((values.param ?? []).map((p) => p.split('=') as [string, string]));

interface Page {
  id: string;
  file: string;
  variant: string;
  expected_blank: boolean;
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function cer(dir: string, hypDir: string): string {
  const json = `${hypDir}.score.json`;
  execFileSync('python3', [join(REPO, 'test/fixtures/score.py'), dir, hypDir, '--json', json], { stdio: 'ignore' });
  const s = JSON.parse(readFileSync(json, 'utf8')) as { overall: { cer: number }; by_variant: Record<string, { cer: number }> };
  return `${(s.overall.cer * 100).toFixed(2)}% (${Object.entries(s.by_variant)
    .map(([k, v]) => `${k} ${(v.cer * 100).toFixed(2)}`)
    .join(', ')})`;
}

async function main(): Promise<void> {
  const dir = join(REPO, values.corpus);
  const pages = (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { pages: Page[] }).pages.filter((p) => !p.expected_blank);
  const cacheDir = join(tmpdir(), 'sohoa-bench-tessdata');
  const sides = [
    { name: 'sohoa', worker: await new TesseractDriver({ cacheDir }).startWorker(), cpu: 0 },
    { name: 'candidate', worker: await new TesseractDriver({ cacheDir, parameters: candidate }).startWorker(), cpu: 0 },
  ];
  const out = join(REPO, 'bench/output/ocr-ab', values.label, values.corpus.split('/').pop()!);
  for (const side of sides) {
    rmSync(join(out, side.name), { recursive: true, force: true });
    mkdirSync(join(out, side.name), { recursive: true });
  }
  const rounds = Number(values.rounds);
  const texts: Record<string, string>[] = [{}, {}];
  for (const [i, p] of pages.entries()) {
    const image = (await cleanPage(readFileSync(join(dir, p.file)))).ocrImage;
    for (let r = 0; r < rounds; r++) {
      for (const side of (i + r) % 2 ? [...sides].reverse() : sides) {
        const t0 = cpu();
        const text = (await side.worker.recognize(image)).text;
        side.cpu += cpu() - t0;
        texts[sides.indexOf(side)]![p.id] = text;
        writeFileSync(join(out, side.name, `${p.id}.txt`), text);
      }
    }
  }
  for (const side of sides) await side.worker.terminate();
  console.log(`candidate: ${JSON.stringify(candidate)}; ${pages.length} pages × ${rounds} rounds, load ${loadavg()[0]!.toFixed(1)}`);
  for (const side of sides)
    console.log(
      `${side.name.padEnd(10)} ${(side.cpu / pages.length / rounds).toFixed(2)} CPU s/page  CER ${cer(dir, join(out, side.name))}`,
    );
  const differing = pages.filter((p) => texts[0]![p.id] !== texts[1]![p.id]).map((p) => p.id);
  console.log(`pages whose text differs: ${differing.length ? differing.join(', ') : 'none'}`);
  console.log(`ratio candidate/sohoa: ${(sides[1]!.cpu / sides[0]!.cpu).toFixed(3)}`);
}

await main();
