/**
 * Separator detection benchmark: milliseconds per page to tell a Patch T sheet (`--separate patch-t`)
 * from an ordinary page, over every corpus page and a printed Patch T sheet at 200 and 300 dpi,
 * against the QR separator reader (`--separate qr`, zxing-wasm) on the same pages in the same run.
 * Each page is looked at `--rounds` times; the first round (warm-up) is not counted.
 *
 *   npx tsx bench/separator-detect.bench.ts [--rounds N]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readPatchCode } from '../src/core/archive/patch-code-detect';
import { buildPatchSheets } from '../src/core/archive/patch-sheets';
import { readSeparator } from '../src/core/archive/separator-detect';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = join(REPO, 'test/fixtures/vi-admin/images');
const { values } = parseArgs({ options: { rounds: { type: 'string' } } });
const ROUNDS = Math.max(2, Number(values.rounds ?? 3));

const dir = mkdtempSync(join(tmpdir(), 'sohoa-bench-sep-'));
try {
  const pdf = join(dir, 'patch-t.pdf');
  writeFileSync(pdf, await buildPatchSheets('T', 1));
  const sheets = [200, 300].map((dpi) => {
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', '-singlefile', pdf, join(dir, `t-${dpi}`)]);
    return { name: `Patch T ${dpi} dpi`, bytes: readFileSync(join(dir, `t-${dpi}.png`)) };
  });
  const pages = [...readdirSync(CORPUS).map((f) => ({ name: f, bytes: readFileSync(join(CORPUS, f)) })), ...sheets];

  const time = async (look: (b: Buffer) => Promise<unknown>) => {
    let total = 0;
    const found: unknown[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const p of pages) {
        const start = process.hrtime.bigint();
        const r = await look(p.bytes);
        if (round > 0) total += Number(process.hrtime.bigint() - start) / 1e6;
        if (round === 0) found.push(r);
      }
    }
    return { msPerPage: total / ((ROUNDS - 1) * pages.length), found };
  };
  const patch = await time(readPatchCode);
  const qr = await time(readSeparator);
  const falsePatch = patch.found.slice(0, -2).filter((r) => r !== null).length;
  const sheetsRead = patch.found.slice(-2).filter((r) => r === 'T').length;
  console.log(`pages: ${pages.length} (${pages.length - 2} corpus + 2 Patch T sheets), rounds counted: ${ROUNDS - 1}`);
  console.log(
    `Patch code reader: ${patch.msPerPage.toFixed(1)} ms/page; corpus pages taken for a patch code: ${falsePatch}; sheets read as T: ${sheetsRead}/2`,
  );
  console.log(`QR separator reader (reference): ${qr.msPerPage.toFixed(1)} ms/page`);
  console.log(`ratio patch/QR: ${(patch.msPerPage / qr.msPerPage).toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
