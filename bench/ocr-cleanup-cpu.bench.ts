/**
 * CPU of the clean-up alone (src/core/imaging/clean-page.ts), per page and per page kind, over the
 * same pages a few rounds in one process: the figure the clean-up's cuts are judged by (docs/OCR.md).
 *
 *   npx tsx bench/ocr-cleanup-cpu.bench.ts [--corpus test/fixtures/vi-admin-gen-tune] [--rounds 2]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cleanPage } from '../src/core/imaging/clean-page';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: 'test/fixtures/vi-admin-gen-tune' },
    rounds: { type: 'string', default: '2' },
  },
});

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

async function main(): Promise<void> {
  const dir = join(REPO, values.corpus);
  const pages = (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { pages: { file: string; variant: string }[] }).pages;
  const bytes = pages.map((p) => readFileSync(join(dir, p.file)));
  const rounds = Number(values.rounds);
  const byKind: Record<string, { cpu: number; pages: number }> = {};
  const start = cpu();
  for (let r = 0; r < rounds; r++) {
    for (const [i, p] of pages.entries()) {
      const t = cpu();
      await cleanPage(bytes[i]!);
      const kind = (byKind[p.variant] ??= { cpu: 0, pages: 0 });
      kind.cpu += cpu() - t;
      kind.pages++;
    }
  }
  const kinds = Object.entries(byKind).map(([k, v]) => `${k} ${(v.cpu / v.pages).toFixed(2)}`);
  console.log(
    `clean-up ${((cpu() - start) / pages.length / rounds).toFixed(3)} CPU s/page (${kinds.join(', ')}); ${pages.length} pages × ${rounds} rounds, load ${loadavg()[0]!.toFixed(1)}`,
  );
}

await main();
