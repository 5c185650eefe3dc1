import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { naturalCompare } from '../../src/core/capture/files/natural-order';
import { collect, corpusFile, corpusPages, withTempDir } from './helpers';

const png = corpusPages.find((p) => p.file.endsWith('.png'))!;
const jpg = corpusPages.find((p) => p.file.endsWith('.jpg'))!;

describe('folder import', () => {
  it('orders names as people read them', () => {
    const names = ['page10.png', 'page2.png', 'Page1.jpg', 'page2a.png', 'scan-100.tif', 'scan-20.tif'];
    expect([...names].sort(naturalCompare)).toEqual(['Page1.jpg', 'page2.png', 'page2a.png', 'page10.png', 'scan-20.tif', 'scan-100.tif']);
  });

  it('walks folders recursively in natural order and passes JPEG/PNG bytes through unchanged', async () => {
    await withTempDir(async (dir) => {
      await mkdir(join(dir, 'box2', 'folder10'), { recursive: true });
      await mkdir(join(dir, 'box2', 'folder9'), { recursive: true });
      await copyFile(corpusFile(png), join(dir, 'page10.png'));
      await copyFile(corpusFile(jpg), join(dir, 'page2.jpg'));
      await copyFile(corpusFile(png), join(dir, 'box2', 'folder10', 'a.png'));
      await copyFile(corpusFile(jpg), join(dir, 'box2', 'folder9', 'b.jpg'));
      await writeFile(join(dir, '.hidden.png'), 'not a page');
      const items = await collect(dir);
      expect(items.map((i) => i.source)).toEqual([
        join(dir, 'box2', 'folder9', 'b.jpg'),
        join(dir, 'box2', 'folder10', 'a.png'),
        join(dir, 'page2.jpg'),
        join(dir, 'page10.png'),
      ]);
      for (const item of items) {
        expect(item.kind).toBe('page');
        if (item.kind !== 'page') continue;
        const original = item.source.endsWith('.png') ? corpusFile(png) : corpusFile(jpg);
        expect(item.format).toBe(item.source.endsWith('.png') ? 'png' : 'jpeg');
        expect(item.bytes.equals(await import('node:fs/promises').then((fs) => fs.readFile(original)))).toBe(true);
      }
    });
  });

  it('reports a missing path as a coded error instead of throwing', async () => {
    const items = await collect('/nonexistent/sohoa-import-test');
    expect(items).toHaveLength(1);
    expect(items[0]!.kind).toBe('error');
    if (items[0]!.kind === 'error') expect(items[0]!.error.code).toBe('import.unreadable');
  });
});
