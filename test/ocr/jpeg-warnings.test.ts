import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusFile, corpusPages } from '../capture-files/helpers';
import { REPO } from '../support/cli';
import { tempDir } from '../support/temp-dir';

/** A scanned page as JPEG with three stray bytes before its end marker: it decodes, and libjpeg warns. */
async function jpegWithStrayBytes(): Promise<Buffer> {
  const page = corpusPages.find((p) => p.variant === 'clean')!;
  const jpeg = await sharp(readFileSync(corpusFile(page)))
    .jpeg({ quality: 85 })
    .toBuffer();
  return Buffer.concat([jpeg.subarray(0, jpeg.length - 2), Buffer.from([1, 2, 3]), jpeg.subarray(jpeg.length - 2)]);
}

describe('OCR of a JPEG that libjpeg warns about', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('reads the page and prints nothing of libjpeg’s on stderr', async () => {
    const file = join(dir.path, 'trang.jpg');
    writeFileSync(file, await jpegWithStrayBytes());
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/ocr/support/ocr-one-file.ts', file], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/Corrupt JPEG|extraneous bytes|libjpeg/i);
    expect(r.stderr.trim()).toBe('');
    const page = JSON.parse(r.stdout) as { text: string; unreadable?: boolean };
    expect(page.unreadable).toBeUndefined();
    expect(page.text.length).toBeGreaterThan(100);
  });
});
