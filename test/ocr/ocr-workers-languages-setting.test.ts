import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { createPipelineStages } from '../../src/core/jobs/real-stages';
import { writeSmallPages } from '../archive/batch-tree';
import { setTestAgency } from '../support/agency';
import { tempDir } from '../support/temp-dir';

/**
 * `ocr.workers` is how many pages the desk's pipeline works on at once (the OCR pool's size) and
 * `ocr.languages` the traineddata the pool loads; both apply to the pages read after a change.
 * With the best model the traineddata is unpacked into `cache/tessdata/best_int/` as first used,
 * so the folder tells which languages were loaded.
 */
describe('the ocr.workers and ocr.languages settings', () => {
  const dir = tempDir('sohoa-ocr-workers-');
  let pages: string[] = [];

  beforeAll(async () => {
    pages = await writeSmallPages(join(dir.path, 'pages'), 4);
  });
  afterAll(() => dir.remove());

  it('size the pool and choose the languages for the next pages the desk reads', { timeout: 240_000 }, async () => {
    const dataDir = join(dir.path, 'desk-data');
    mkdirSync(dataDir, { recursive: true });
    const bestModel = (lang: string) => join(dataDir, 'cache', 'tessdata', 'best_int', `${lang}.traineddata`);
    // No pool size and no concurrency given: both come from the settings, as in the app.
    const stages = createPipelineStages({ dataDir });
    const engine = setTestAgency(Engine.open({ dataDir, pipeline: { stages } }));
    let running = 0;
    let peak = 0;
    engine.events.subscribe((event, payload) => {
      if (event !== 'job.changed') return;
      const { state } = payload as { state: string };
      running += state === 'leased' ? 1 : -1;
      peak = Math.max(peak, running);
    });
    const system = { kind: 'system', name: 'test' } as const;
    const readPages = async (component: string, files: string[]) => {
      const dossier = await engine.handlers['dossier.create']({
        procedureCode: 'MAU-HT-01',
        applicantName: 'Võ Văn Tú',
        applicantCccd: '074093513649',
        receivedDate: '2026-12-01',
        dueDate: undefined,
      });
      const { id } = await engine.handlers['document.create']({ dossierId: dossier.id, component });
      peak = 0;
      await engine.handlers['document.importFiles']({ documentId: id, paths: files });
      await engine.idle();
      return engine.store.pages.ofDocument(id);
    };
    try {
      engine.settings.set(
        [
          { key: 'ocr.model', value: 'best' },
          { key: 'ocr.workers', value: 1 },
        ],
        system,
        'test',
      );
      const first = await readPages('Tờ khai', pages.slice(0, 2));
      expect(first.map((p) => p.state)).toEqual(['read', 'read']);
      expect(peak).toBe(1);
      expect(stages.ocrPool()).toMatchObject({ model: 'best', languages: ['vie'], size: 1, workers: 1 });
      expect(existsSync(bestModel('vie'))).toBe(true);
      expect(existsSync(bestModel('eng'))).toBe(false);

      engine.settings.set(
        [
          { key: 'ocr.workers', value: 2 },
          { key: 'ocr.languages', value: ['vie', 'eng'] },
        ],
        system,
        'test',
      );
      const second = await readPages('Giấy ủy quyền', pages.slice(2, 4));
      expect(second.map((p) => p.state)).toEqual(['read', 'read']);
      expect(second[0]!.ocrText).toMatch(/Trang thử số 3/);
      expect(peak).toBe(2);
      expect(stages.ocrPool()).toMatchObject({ model: 'best', languages: ['vie', 'eng'], size: 2 });
      expect(existsSync(bestModel('eng'))).toBe(true);

      // The same model and languages: the pool in use shrinks, and the pipeline with it.
      engine.settings.set([{ key: 'ocr.workers', value: 1 }], system, 'test');
      const third = await readPages('Bản sao', [pages[0]!, pages[3]!]);
      expect(third.map((p) => p.state)).toEqual(['read', 'read']);
      expect(peak).toBe(1);
      expect(stages.ocrPool()).toMatchObject({ languages: ['vie', 'eng'], size: 1, workers: 1 });
    } finally {
      await engine.close();
      await stages.close();
    }
  });
});
