import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeInBatch } from '../../src/core/archive/batch-intake';
import { batchReport } from '../../src/core/archive/batch-report';
import { PATCH_NARROW_IN, PATCH_PATTERNS, PATCH_WIDE_IN, type PatchCode } from '../../src/core/archive/patch-code';
import { readPatchCode } from '../../src/core/archive/patch-code-detect';
import { buildPatchSheets } from '../../src/core/archive/patch-sheets';
import { parseSeparationMode } from '../../src/core/archive/separation';
import { Engine } from '../../src/core/engine';
import { ArchiveRepository } from '../../src/core/store/archive-repository';
import { runSohoaHere } from '../support/cli-here';
import { tempDir } from '../support/temp-dir';
import { CORPUS_IMAGES } from './batch-tree';
import { setTestAgency } from '../support/agency';
import { TEST_AGENCY_ARGS } from '../support/agency';

const REGISTER = [
  'Hộp số,Hồ sơ số,Tiêu đề,Năm,Số trang',
  '1,1,Hồ sơ đăng ký khai sinh,2020,2',
  '1,2,Hồ sơ kết hôn,2020,1',
  '1,3,Hồ sơ chứng thực,2021,2',
].join('\n');
const PAGES = ['viadm-18d1.png', 'viadm-4448.png', 'viadm-80c2.png', 'viadm-863d.png', 'viadm-c0af.png'];

/** A scan's troubles, made the same on every run: grey noise everywhere and specks of salt and pepper. */
async function noisy(png: Buffer, seed: number): Promise<Buffer> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  let s = seed >>> 0;
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = 0; i < data.length; i++) {
    const r = random();
    if (r < 0.004) data[i] = 0;
    else if (r < 0.008) data[i] = 255;
    else data[i] = Math.max(0, Math.min(255, data[i]! + Math.round((random() - 0.5) * 90)));
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: 1 } })
    .png()
    .toBuffer();
}

const crooked = (png: Buffer, degrees: number) => sharp(png).rotate(degrees, { background: '#ffffff' }).png().toBuffer();

describe('Kodak Patch T separator sheets', () => {
  const dir = tempDir('sohoa-patch-t-');
  const sheetsPdf = join(dir.path, 'patch-t.pdf');
  /** The printed Patch T sheet rendered at 200 and 300 dpi. */
  const rendered: Record<number, Buffer> = {};

  const render = (pdf: string, dpi: number, name: string) => {
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', '-f', '1', '-l', '1', '-singlefile', pdf, join(dir.path, name)]);
    return readFileSync(join(dir.path, `${name}.png`));
  };

  beforeAll(async () => {
    const r = await runSohoaHere(['batch', '--patch-t-sheets', sheetsPdf, '--count', '3']);
    expect(r.code, r.stderr).toBe(0);
    for (const dpi of [200, 300]) rendered[dpi] = render(sheetsPdf, dpi, `t-${dpi}`);
  });
  afterAll(() => dir.remove());

  it('prints N A4 sheets with a Vietnamese caption and bars at the specification widths', async () => {
    expect(execFileSync('pdfinfo', [sheetsPdf], { encoding: 'utf8' })).toMatch(/^Pages:\s+3$/m);
    expect(execFileSync('pdftotext', ['-f', '3', '-l', '3', sheetsPdf, '-'], { encoding: 'utf8' })).toContain('Tờ phân tách Patch T');
    // Down the middle of the 300 dpi rendering, from the top: narrow, wide, narrow, wide bars, narrow spaces.
    const { data, info } = await sharp(rendered[300]!).greyscale().raw().toBuffer({ resolveWithObject: true });
    const x = Math.floor(info.width / 2);
    const runs: { ink: boolean; size: number }[] = [];
    for (let y = 0; y < info.height / 4; y++) {
      const ink = data[y * info.width + x]! < 128;
      if (runs.at(-1)?.ink === ink) runs.at(-1)!.size++;
      else runs.push({ ink, size: 1 });
    }
    const width = (bar: string) => (bar === 'W' ? PATCH_WIDE_IN : PATCH_NARROW_IN) * 300;
    const expected = [0.5 * 300, ...[...PATCH_PATTERNS.T].flatMap((bar) => [width(bar), PATCH_NARROW_IN * 300])];
    expect(runs.slice(0, 9).map((r) => r.ink)).toEqual([false, true, false, true, false, true, false, true, false]);
    // The paper after the last bar is the quiet zone, not a space of the pattern.
    runs.slice(0, 8).forEach((r, i) => expect(Math.abs(r.size - expected[i]!), `run ${i}`).toBeLessThanOrEqual(2));
    expect(runs[8]!.size).toBeGreaterThan(3 * PATCH_NARROW_IN * 300);
  });

  it('refuses a --count that is not a number of sheets, or without --patch-t-sheets', async () => {
    const r = await runSohoaHere(['batch', '--patch-t-sheets', join(dir.path, 'x.pdf'), '--count', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--count');
    const alone = await runSohoaHere([
      'batch',
      ...TEST_AGENCY_ARGS,
      join(dir.path, 'stream'),
      '--count',
      '2',
      '--data-dir',
      join(dir.path, 'unused'),
    ]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--count goes with --patch-t-sheets');
  });

  it('reads the printed sheet as Patch T at 200 and 300 dpi, crooked, noisy and fed any way round', async () => {
    const seen = {
      at200: await readPatchCode(rendered[200]!),
      at300: await readPatchCode(rendered[300]!),
      crooked200: await readPatchCode(await noisy(await crooked(rendered[200]!, 3), 1)),
      crooked300: await readPatchCode(await noisy(await crooked(rendered[300]!, -4), 2)),
      upsideDown: await readPatchCode(await crooked(rendered[200]!, 178)),
      sideways: await readPatchCode(await sharp(rendered[200]!).rotate(90).png().toBuffer()),
      jpeg: await readPatchCode(await sharp(rendered[200]!).jpeg({ quality: 60 }).toBuffer()),
    };
    expect(seen).toEqual({ at200: 'T', at300: 'T', crooked200: 'T', crooked300: 'T', upsideDown: 'T', sideways: 'T', jpeg: 'T' });
  });

  it('tells the other patch codes from Patch T (3 is T read backwards)', async () => {
    const others: PatchCode[] = ['1', '2', '3', '4', '6'];
    const seen: string[] = [];
    for (const code of others) {
      const pdf = join(dir.path, `patch-${code}.pdf`);
      writeFileSync(pdf, await buildPatchSheets(code, 1));
      const png = render(pdf, 200, `p${code}`);
      seen.push(`${code}:${await readPatchCode(png)}:${await readPatchCode(await crooked(png, 182))}`);
    }
    expect(seen).toEqual(others.map((c) => `${c}:${c}:${c}`));
  });

  it('takes no corpus page, nor a page of thick rules and stripes, for a patch code', async () => {
    const found: string[] = [];
    for (const name of readdirSync(CORPUS_IMAGES))
      if ((await readPatchCode(readFileSync(join(CORPUS_IMAGES, name)))) !== null) found.push(name);
    // A4 at 150 dpi: a ruled table, a block of four equal bars, and three wide bars spaced like a patch code.
    const bars = (top: number, widths: number[]) => {
      let y = top;
      return widths.map((w) => {
        const r = `<rect x="120" y="${y}" width="1000" height="${w}" fill="black"/>`;
        y += w + 12;
        return r;
      });
    };
    const rules = Array.from(
      { length: 12 },
      (_, i) =>
        `<rect x="${100 + i * 90}" y="700" width="${i % 3 ? 2 : 8}" height="900" fill="black"/><rect x="100" y="${700 + i * 75}" width="1000" height="${i % 4 ? 2 : 10}" fill="black"/>`,
    );
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1754"><rect width="1240" height="1754" fill="white"/>${bars(80, [12, 12, 12, 12]).join('')}${bars(300, [30, 30, 12, 30]).join('')}${rules.join('')}</svg>`;
    const ruled = await sharp(Buffer.from(svg)).greyscale().png().toBuffer();
    if ((await readPatchCode(ruled)) !== null) found.push('ruled page');
    if ((await readPatchCode(await sharp(ruled).rotate(90).png().toBuffer())) !== null) found.push('ruled page, turned');
    expect(found).toEqual([]);
  });

  it('gives no code for a file that is not an image', async () => {
    expect(await readPatchCode(Buffer.from('not an image'))).toBeNull();
  });

  it('splits a flat scan at Patch T sheets into dossiers in register order; the sheets are not pages', async () => {
    const register = join(dir.path, 'so.csv');
    writeFileSync(register, REGISTER);
    const sheet = join(dir.path, 't-200.png');
    const upsideDown = join(dir.path, 't-upside-down.png');
    writeFileSync(upsideDown, await noisy(await crooked(rendered[200]!, 181), 3));
    const page = (i: number) => join(CORPUS_IMAGES, PAGES[i]!);
    // A page before the first sheet; a sheet fed twice; the last sheet upside down and noisy.
    const files = [page(4), sheet, page(0), page(1), sheet, sheet, page(2), upsideDown, page(3), page(4)];
    const folder = join(dir.path, 'stream');
    mkdirSync(folder);
    files.forEach((f, i) => copyFileSync(f, join(folder, `scan-${String(i + 1).padStart(3, '0')}.png`)));

    const engine = setTestAgency(Engine.open({ dataDir: join(dir.path, 'data') }));
    try {
      const intake = await takeInBatch(engine, { folder, registerPath: register, separate: parseSeparationMode('patch-t'), actor: 'test' });
      const again = await takeInBatch(engine, { folder, registerPath: register, actor: 'test' });
      const archive = new ArchiveRepository(engine.store.db);
      const dossiers = archive.folders(intake.batch.id).map((f) => ({
        key: f.relPath,
        line: f.registerLine,
        pages: engine.store.pages.ofDocument(f.documentId).map((p) => p.source!.split('/').pop()),
      }));
      expect(intake.separators).toBe(4);
      expect(intake.loose.map((s) => s.split('/').pop())).toEqual(['scan-001.png']);
      expect(dossiers).toEqual([
        { key: '#0001', line: 2, pages: ['scan-003.png', 'scan-004.png'] },
        { key: '#0002', line: 3, pages: ['scan-007.png'] },
        { key: '#0003', line: 4, pages: ['scan-009.png', 'scan-010.png'] },
      ]);
      const report = batchReport(archive, intake.batch.id);
      expect(report.batch.separation).toBe('patch-t');
      expect(report.flags).toEqual([]);
      expect(again.batch.id).toBe(intake.batch.id);
      expect(again.pagesAdded).toBe(0);
    } finally {
      await engine.close();
    }
  });

  it('accepts patch-t as a --separate mode, by name', () => {
    expect(parseSeparationMode('patch-t')).toEqual({ kind: 'patch-t' });
    expect(() => parseSeparationMode('patch')).toThrow(expect.objectContaining({ code: 'batch.bad-separation' }));
  });
});
