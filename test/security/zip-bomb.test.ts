import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as yazl from 'yazl';
import { DEFAULT_ZIP_LIMITS, unzipBag } from '../../src/core/sync/bag-zip';
import { codeOf } from '../support/coded-error';
import { tempDir } from '../support/temp-dir';

const MiB = 1024 * 1024;

async function zipOf(path: string, entries: { name: string; bytes: Buffer }[]): Promise<number> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(e.bytes, e.name, { compress: true });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  writeFileSync(path, Buffer.concat(chunks));
  return statSync(path).size;
}

function bytesUnder(dir: string): number {
  let sum = 0;
  if (!existsSync(dir)) return sum;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) sum += statSync(join(e.parentPath, e.name)).size;
  return sum;
}

/** Zipped bags as anyone holding a workstation token can post them to the hub. */
describe('zip bombs', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('refuses entries of exactly 1 MiB that each inflate a thousandfold, having written little more than 50× the archive', async () => {
    const zipPath = join(dir.path, 'many-mebibytes.zip');
    const entries = Array.from({ length: 100 }, (_, i) => ({
      name: `bag/data/${String(i).padStart(3, '0')}.pdf`,
      bytes: Buffer.alloc(MiB),
    }));
    const size = await zipOf(zipPath, entries);
    expect(size).toBeLessThan(200 * 1024);
    const into = join(dir.path, 'out-1');
    expect(await codeOf(unzipBag(zipPath, into, DEFAULT_ZIP_LIMITS))).toBe('bag.zip-bomb');
    expect(bytesUnder(into)).toBeLessThanOrEqual(DEFAULT_ZIP_LIMITS.maxRatio * size + DEFAULT_ZIP_LIMITS.ratioFloorBytes);
  });

  it('checks the ratio of every entry while it inflates, small ones included', async () => {
    const zipPath = join(dir.path, 'half-mebibyte.zip');
    await zipOf(zipPath, [
      { name: 'bag/bagit.txt', bytes: Buffer.from('BagIt-Version: 1.0\n') },
      { name: 'bag/data/zeros.pdf', bytes: Buffer.alloc(MiB / 2) },
    ]);
    expect(await codeOf(unzipBag(zipPath, join(dir.path, 'out-2'), { ...DEFAULT_ZIP_LIMITS, ratioFloorBytes: 64 * MiB }))).toBe(
      'bag.zip-bomb',
    );
  });

  it('still unpacks a bag whose tag files compress well and whose PDFs do not', async () => {
    const zipPath = join(dir.path, 'ordinary.zip');
    const manifest = Array.from({ length: 2000 }, (_, i) => `${'0'.repeat(60)}${String(i).padStart(4, '0')}  data/${i}.pdf\n`).join('');
    const pdfLike = Buffer.from(Array.from({ length: 3 * MiB }, (_, i) => (i * 2654435761) >>> 24));
    await zipOf(zipPath, [
      { name: 'bag/bagit.txt', bytes: Buffer.from('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n') },
      { name: 'bag/manifest-sha256.txt', bytes: Buffer.from(manifest) },
      { name: 'bag/data/a.pdf', bytes: pdfLike },
    ]);
    const bag = await unzipBag(zipPath, join(dir.path, 'out-3'), DEFAULT_ZIP_LIMITS);
    expect(statSync(join(bag, 'data', 'a.pdf')).size).toBe(3 * MiB);
  });
});
