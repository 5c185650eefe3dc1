import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { createPipelineStages } from '../../src/core/jobs/real-stages';
import { writeSmallPages, writeTree } from '../archive/batch-tree';
import { setTestAgency, TEST_AGENCY_ARGS } from '../support/agency';
import { runSohoaHere } from '../support/cli-here';
import { tempDir } from '../support/temp-dir';

/**
 * The `ocr.model` setting is what the desk, `sohoa ocr` and `sohoa batch` read with. The fast model
 * is read where it is shipped; the best one is unpacked into the data directory's
 * `cache/tessdata/best_int/` when first used, so that folder tells which model read the page.
 */
const bestModelOf = (dataDir: string) => join(dataDir, 'cache', 'tessdata', 'best_int', 'vie.traineddata');

describe('the ocr.model setting chooses the model every reader uses', () => {
  const dir = tempDir('sohoa-ocr-model-');
  let page = '';

  beforeAll(async () => {
    page = (await writeSmallPages(join(dir.path, 'pages'), 1))[0]!;
  });
  afterAll(() => dir.remove());

  it('sohoa ocr reads with the data directory’s model, and --model wins over it', { timeout: 120_000 }, async () => {
    const dataDir = join(dir.path, 'ocr-data');
    expect((await runSohoaHere(['config', 'set', 'agency.name', 'UBND phường Phú Cường', '--data-dir', dataDir])).code).toBe(0);

    const fast = await runSohoaHere(['ocr', page, '--data-dir', dataDir]);
    expect(fast.code, fast.stderr).toBe(0);
    expect(fast.stdout).toMatch(/Trang thử số 1/);
    expect(existsSync(bestModelOf(dataDir))).toBe(false);

    const forced = await runSohoaHere(['ocr', page, '--model', 'fast', '--data-dir', dataDir]);
    expect(forced.code, forced.stderr).toBe(0);
    expect((await runSohoaHere(['config', 'set', 'ocr.model', 'best', '--data-dir', dataDir])).code).toBe(0);
    const forcedAfter = await runSohoaHere(['ocr', page, '--model', 'fast', '--data-dir', dataDir]);
    expect(forcedAfter.code, forcedAfter.stderr).toBe(0);
    expect(existsSync(bestModelOf(dataDir))).toBe(false);

    const best = await runSohoaHere(['ocr', page, '--data-dir', dataDir]);
    expect(best.code, best.stderr).toBe(0);
    expect(best.stdout).toMatch(/Trang thử số 1/);
    expect(existsSync(bestModelOf(dataDir))).toBe(true);
  });

  it('sohoa batch reads its pages with the data directory’s model', { timeout: 180_000 }, async () => {
    const dataDir = join(dir.path, 'batch-data');
    const tree = join(dir.path, 'kho');
    writeTree(tree, [{ relPath: 'Hop 01/HS 001', pages: [page] }]);
    expect((await runSohoaHere(['config', 'set', 'ocr.model', 'best', '--data-dir', dataDir])).code).toBe(0);
    const run = await runSohoaHere(['batch', ...TEST_AGENCY_ARGS, tree, '--data-dir', dataDir, '--workers', '1', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).pages).toMatchObject({ found: 1, read: 1, failed: 0 });
    expect(existsSync(bestModelOf(dataDir))).toBe(true);
  });

  it('the desk’s pipeline reads the next page with the model saved in the settings', { timeout: 180_000 }, async () => {
    const dataDir = join(dir.path, 'desk-data');
    mkdirSync(dataDir, { recursive: true });
    const stages = createPipelineStages({ dataDir, ocrWorkers: 1 });
    const engine = setTestAgency(Engine.open({ dataDir, pipeline: { stages, concurrency: 1 } }));
    try {
      const h = engine.handlers;
      const readOne = async (component: string) => {
        const dossier = await h['dossier.create']({
          procedureCode: 'MAU-HT-01',
          applicantName: 'Võ Văn Tú',
          applicantCccd: '074093513649',
          receivedDate: '2026-12-01',
          dueDate: undefined,
        });
        const { id } = await h['document.create']({ dossierId: dossier.id, component });
        await h['document.importFiles']({ documentId: id, paths: [page] });
        await engine.idle();
        return engine.store.pages.ofDocument(id)[0]!;
      };
      expect((await readOne('Tờ khai')).state).toBe('read');
      expect(existsSync(bestModelOf(dataDir))).toBe(false);

      engine.settings.set([{ key: 'ocr.model', value: 'best' }], { kind: 'system', name: 'test' }, 'test');
      expect((await readOne('Giấy ủy quyền')).state).toBe('read');
      expect(existsSync(bestModelOf(dataDir))).toBe(true);
    } finally {
      await engine.close();
      await stages.close();
    }
  });
});
