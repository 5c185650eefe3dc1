import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPageImages, type ImportItem } from '../../src/core/capture/file-source';
import { Engine } from '../../src/core/engine';
import { DEFAULT_MAX_PAGES_PER_FILE } from '../../src/shared/page-limits';
import { signedInPerRole, type Connection } from '../auth/connection';
import { setTestAgency } from '../support/agency';
import { tempDir } from '../support/temp-dir';
import { manyPageReferences } from './support/raw-pdf';
import { manyPageTiff } from './support/raw-tiff';

async function collect(path: string): Promise<ImportItem[]> {
  const items: ImportItem[] = [];
  for await (const item of importPageImages(path)) items.push(item);
  return items;
}

/** `import.max-pages-per-file`: a file with more pages is refused whole, before its pages are decoded. */
describe('the pages-per-file cap on imports', () => {
  const dir = tempDir();
  let engine: Engine;
  let clerk: Connection;
  let documentId: number;
  const fourPageTiff = join(dir.path, 'bon-trang.tif');
  const fourPagePdf = join(dir.path, 'bon-trang.pdf');

  beforeAll(async () => {
    engine = setTestAgency(Engine.open({ dataDir: join(dir.path, 'data') }));
    clerk = (await signedInPerRole(engine, ['clerk'])).clerk;
    const d = await clerk.call('dossier.create', {
      procedureCode: 'MAU-HT-01',
      applicantName: 'Lâm Quang Khoa',
      applicantCccd: '074093513649',
      receivedDate: '2026-11-23',
    });
    documentId = (await clerk.call('document.create', { dossierId: d.id, component: 'Tờ khai' })).id;
    writeFileSync(fourPageTiff, manyPageTiff(4));
    writeFileSync(fourPagePdf, manyPageReferences(4));
  });
  afterAll(async () => {
    await engine.close();
    dir.remove();
  });

  it('refuses a multi-page TIFF over the default cap with one coded item, not one page per directory', async () => {
    const file = join(dir.path, 'qua-nhieu-trang.tif');
    writeFileSync(file, manyPageTiff(DEFAULT_MAX_PAGES_PER_FILE + 1));
    const started = Date.now();
    const items = await collect(file);
    expect(items.map((i) => (i.kind === 'error' ? i.error.code : i.kind))).toEqual(['import.too-many-pages']);
    expect((items[0] as { error: { details?: unknown } }).error.details).toMatchObject({
      pages: DEFAULT_MAX_PAGES_PER_FILE + 1,
      limit: DEFAULT_MAX_PAGES_PER_FILE,
    });
    // Counting directories only: decoding 5,001 pages one by one takes several times this.
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('reads the cap from the setting for files given by path and files sent by the renderer', async () => {
    engine.store.settings.set('import.max-pages-per-file', '3');
    const byPath = await clerk.call('document.importFiles', { documentId, paths: [fourPageTiff, fourPagePdf] });
    expect(byPath.added).toHaveLength(0);
    expect(byPath.errors.map((e) => [e.source, e.code])).toEqual([
      [fourPageTiff, 'import.too-many-pages'],
      [fourPagePdf, 'import.too-many-pages'],
    ]);
    const sent = await clerk.call('document.uploadFile', {
      documentId,
      name: 'bon-trang.tif',
      dataBase64: manyPageTiff(4).toString('base64'),
    });
    expect(sent.errors.map((e) => e.code)).toEqual(['import.too-many-pages']);

    engine.store.settings.set('import.max-pages-per-file', '4');
    const allowed = await clerk.call('document.importFiles', { documentId, paths: [fourPageTiff] });
    expect(allowed.errors).toEqual([]);
    expect(allowed.added).toHaveLength(4);
  });
});
