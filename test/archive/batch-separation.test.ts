import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeInBatch } from '../../src/core/archive/batch-intake';
import { batchReport } from '../../src/core/archive/batch-report';
import { parseSeparationMode } from '../../src/core/archive/separation';
import { Engine } from '../../src/core/engine';
import { ArchiveRepository } from '../../src/core/store/archive-repository';
import { REPO } from '../support/cli';
import { runSohoaHere } from '../support/cli-here';
import { tempDir } from '../support/temp-dir';
import { writeSmallPages } from './batch-tree';
import { setTestAgency } from '../support/agency';

const REGISTER = [
  'Hộp số,Hồ sơ số,Tiêu đề,Năm,Số trang',
  '1,1,Hồ sơ đăng ký khai sinh,2020,2',
  '1,2,Hồ sơ kết hôn,2020,1',
  '1,3,Hồ sơ chứng thực,2021,2',
].join('\n');

/**
 * The splitting is looked at here, up to the pages each dossier gets and what is flagged; the
 * pipeline is not run (the engine has none), so no OCR time is spent. The pages between the
 * separators are small generated ones: what they say does not matter, only that they are not blank.
 */
describe('splitting a flat stream of scans into dossiers', () => {
  const dir = tempDir('sohoa-separate-');
  const register = join(dir.path, 'so.csv');
  const sheetsPdf = join(dir.path, 'sheets.pdf');
  let sheets: string[] = [];
  let pages: string[] = [];

  beforeAll(async () => {
    writeFileSync(register, REGISTER);
    pages = await writeSmallPages(join(dir.path, 'pages'), 5);
  });
  afterAll(() => dir.remove());

  /** Page files in a flat folder named so natural order is the given order. */
  const flatFolder = (name: string, files: string[]) => {
    const folder = join(dir.path, name);
    mkdirSync(folder, { recursive: true });
    files.forEach((f, i) => copyFileSync(f, join(folder, `scan-${String(i + 1).padStart(3, '0')}.png`)));
    return folder;
  };
  const page = (i: number) => pages[i]!;

  /** Each dossier of the batch: its key, register line and the page files it got, in order. */
  const split = async (folder: string, mode: string) => {
    const engine = setTestAgency(Engine.open({ dataDir: join(dir.path, `data-${mode.replace(':', '-')}-${folder.split('/').pop()}`) }));
    try {
      const intake = await takeInBatch(engine, { folder, registerPath: register, separate: parseSeparationMode(mode), actor: 'test' });
      const again = await takeInBatch(engine, { folder, registerPath: register, actor: 'test' });
      const archive = new ArchiveRepository(engine.store.db);
      const report = batchReport(archive, intake.batch.id);
      const dossiers = archive.folders(intake.batch.id).map((f) => ({
        key: f.relPath,
        line: f.registerLine,
        pages: engine.store.pages.ofDocument(f.documentId).map((p) => p.source!.split('/').pop()),
      }));
      return { intake, again, report, dossiers };
    } finally {
      await engine.close();
    }
  };

  it('prints one separator sheet per register row, with the dossier in large Vietnamese text', async () => {
    const r = await runSohoaHere(['batch', '--separator-sheets', register, '--out', sheetsPdf]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('3 separator sheet(s)');
    expect(execFileSync('pdfinfo', [sheetsPdf], { encoding: 'utf8' })).toMatch(/^Pages:\s+3$/m);
    const text = execFileSync('pdftotext', ['-f', '2', '-l', '2', sheetsPdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Hồ sơ số 2');
    expect(text).toContain('Hồ sơ kết hôn');
    execFileSync('pdftoppm', ['-r', '150', '-gray', '-png', sheetsPdf, join(dir.path, 'sheet')]);
    sheets = [1, 2, 3].map((n) => join(dir.path, `sheet-${n}.png`));
  });

  it('splits at QR separator sheets (one of them scanned crooked), which do not become pages', async () => {
    const crooked = join(dir.path, 'sheet-3-crooked.png');
    await sharp(readFileSync(sheets[2]!)).rotate(4, { background: '#ffffff' }).png().toFile(crooked);
    // A page before the first sheet; dossier 2's sheet missing: its pages go with dossier 1.
    const folder = flatFolder('qr', [page(4), sheets[0]!, page(0), page(1), crooked, page(2), page(3)]);
    const { intake, again, report, dossiers } = await split(folder, 'qr');
    expect(intake.separators).toBe(2);
    expect(intake.loose.map((s) => s.split('/').pop())).toEqual(['scan-001.png']);
    expect(dossiers).toEqual([
      { key: 'QR 1/1', line: 2, pages: ['scan-003.png', 'scan-004.png'] },
      { key: 'QR 1/3', line: 4, pages: ['scan-006.png', 'scan-007.png'] },
    ]);
    expect(report.batch.separation).toBe('qr');
    expect(report.flags.map((f) => `${f.kind} ${f.box}/${f.archiveNumber}`)).toEqual(['missing 1/2']);
    // A second run (the mode remembered) finds the same dossiers and adds nothing.
    expect(again.pagesAdded).toBe(0);
    expect(again.batch.id).toBe(intake.batch.id);
  }, 120_000);

  it('reads a separator sheet with the network unreachable (the decoder comes from disk)', () => {
    const script = `import { readFileSync } from 'node:fs'; import { readSeparator } from './src/core/archive/separator-detect.ts';
      console.log(JSON.stringify(await readSeparator(readFileSync(${JSON.stringify(sheets[1])}))));`;
    const r = spawnSync('unshare', ['-n', process.execPath, '--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ box: '1', archiveNumber: '2' });
  });

  it('splits at blank pages, a run of blanks being one separator, in register order', async () => {
    const blank = join(dir.path, 'blank.png');
    await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#fafafa' } })
      .greyscale()
      .withMetadata({ density: 150 })
      .png()
      .toFile(blank);
    const folder = flatFolder('blank', [page(0), page(1), blank, blank, page(2), blank, page(3), page(4), page(3)]);
    const { intake, report, dossiers } = await split(folder, 'blank');
    expect(intake.separators).toBe(3);
    expect(dossiers).toEqual([
      { key: '#0001', line: 2, pages: ['scan-001.png', 'scan-002.png'] },
      { key: '#0002', line: 3, pages: ['scan-005.png'] },
      // scan-009 is scan-007's image again: one page.
      { key: '#0003', line: 4, pages: ['scan-007.png', 'scan-008.png'] },
    ]);
    expect(report.flags).toEqual([]);
  }, 120_000);

  it('splits every N pages, more dossiers than rows being flagged as extra', async () => {
    const folder = flatFolder('count', [page(0), page(1), page(2), page(3), page(4)]);
    const { dossiers, report } = await split(folder, 'count:2');
    expect(dossiers).toEqual([
      { key: '#0001', line: 2, pages: ['scan-001.png', 'scan-002.png'] },
      { key: '#0002', line: 3, pages: ['scan-003.png', 'scan-004.png'] },
      { key: '#0003', line: 4, pages: ['scan-005.png'] },
    ]);
    expect(report.flags.map((f) => [f.kind, f.archiveNumber, f.details.expected, f.details.found])).toEqual([
      ['count-mismatch', '2', 1, 2],
      ['count-mismatch', '3', 2, 1],
    ]);
  }, 120_000);

  it('refuses an unknown --separate with a coded reason', () => {
    expect(() => parseSeparationMode('pages')).toThrow(expect.objectContaining({ code: 'batch.bad-separation' }));
    expect(() => parseSeparationMode('count:0')).toThrow(expect.objectContaining({ code: 'batch.bad-separation' }));
    expect(parseSeparationMode('count:25')).toEqual({ kind: 'count', pages: 25 });
  });
});
