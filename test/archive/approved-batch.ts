import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ensureDossier } from '../../src/core/archive/archive-dossier';
import { approveDossiers } from '../../src/core/archive/qc-queue';
import { Engine } from '../../src/core/engine';
import { pageAsIs } from '../../src/core/record/page-as-is';
import { recordFromImages } from '../../src/core/record/record-from-images';
import { ArchiveRepository } from '../../src/core/store/archive-repository';
import { setTestAgency } from '../support/agency';
import { CORPUS_IMAGES } from './batch-tree';

/**
 * An archive batch of `count` approved dossiers with an unsigned record each, ready for `sohoa batch --sign`
 * (a corpus page as it is: no OCR needed to test signing). Returns the batch's id.
 */
export async function createApprovedBatch(dataDir: string, source: string, count: number): Promise<number> {
  const image = readFileSync(join(CORPUS_IMAGES, 'viadm-eb2a.png'));
  const pdf = await recordFromImages(
    [{ bytes: image, label: 'p1.png' }],
    { title: 'Hồ sơ lưu trữ', digitizedAt: new Date() },
    { prepare: async ({ bytes, label }) => ({ page: await pageAsIs(bytes, label) }) },
  );
  const engine = setTestAgency(Engine.open({ dataDir, actor: 'test' }));
  try {
    const archive = new ArchiveRepository(engine.store.db);
    const batchId = archive.createBatch({ name: 'kho', source, registerPath: null, key: 'test' }).id;
    const sha = engine.store.blobs.put(Buffer.from(pdf));
    const pageSha = engine.store.blobs.put(image);
    for (let i = 1; i <= count; i++) {
      const name = `HS ${i}`;
      const { documentId } = ensureDossier(
        engine,
        archive,
        batchId,
        { path: join(source, name), relPath: name, box: '', boxKey: '', name, numberKey: String(i) },
        null,
        'test',
      );
      // A dossier with no page is not signed (desk.document-empty): each has its page, read.
      engine.store.db
        .prepare(`UPDATE page SET state = 'read' WHERE id = ?`)
        .run(engine.store.pages.addPage(documentId, pageSha, 'scan').id);
      engine.store.records.addVersion(documentId, sha, null);
    }
    expect(approveDossiers(engine.store, batchId, 'test', 'clean')).toHaveLength(count);
    return batchId;
  } finally {
    await engine.close();
  }
}
