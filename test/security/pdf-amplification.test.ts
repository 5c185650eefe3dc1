import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importPageImages, type ImportItem } from '../../src/core/capture/file-source';
import { verifyPdf } from '../../src/core/record/verify-pdf';
import { DEFAULT_MAX_PAGES_PER_FILE } from '../../src/shared/page-limits';
import { runSohoa } from '../support/cli';
import { codeOf } from '../support/coded-error';
import { tempDir } from '../support/temp-dir';
import { cyclicPageTree, manyPageReferences } from './support/raw-pdf';

async function collect(path: string, options = {}): Promise<ImportItem[]> {
  const items: ImportItem[] = [];
  for await (const item of importPageImages(path, options)) items.push(item);
  return items;
}

/** PDFs that cost a reader far more than their size, or crash it: one coded line each. */
describe('PDF page trees that loop or list too many pages', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());
  const cyclic = join(dir.path, 'cyclic.pdf');
  const many = join(dir.path, 'many.pdf');
  writeFileSync(cyclic, cyclicPageTree());
  writeFileSync(many, manyPageReferences(DEFAULT_MAX_PAGES_PER_FILE + 1));

  it('verifies a cyclic page tree into a coded error, not a stack overflow', async () => {
    expect(await codeOf(verifyPdf(cyclicPageTree(), { trustAnchors: [], fetchCrl: false }))).toBe('record.page-tree-cyclic');
    const items = await collect(cyclic);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'error', error: { code: 'import.corrupt-pdf' } });
    expect((items[0] as { error: Error }).error.message).not.toMatch(/call stack/i);
  });

  it('refuses a file listing more pages than the cap, whole, with one item instead of one per page', async () => {
    expect(await codeOf(verifyPdf(manyPageReferences(DEFAULT_MAX_PAGES_PER_FILE + 1), { trustAnchors: [], fetchCrl: false }))).toBe(
      'record.too-many-pages',
    );
    const items = await collect(many);
    expect(items.map((i) => (i.kind === 'error' ? i.error.code : i.kind))).toEqual(['import.too-many-pages']);
    const capped = await collect(many, { maxPagesPerFile: 10_000 });
    expect(capped.length).toBe(DEFAULT_MAX_PAGES_PER_FILE + 1);
  });

  it('says so on one line of stderr from `sohoa verify`, with a non-zero exit', () => {
    for (const [file, code] of [
      [cyclic, 'record.page-tree-cyclic'],
      [many, 'record.too-many-pages'],
    ] as const) {
      const r = runSohoa(['verify', file]);
      expect(r.code, file).not.toBe(0);
      expect(r.stderr.trimEnd().split('\n'), file).toHaveLength(1);
      expect(r.stderr, file).toContain(code);
    }
  });
});
