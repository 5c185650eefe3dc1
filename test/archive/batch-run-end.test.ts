import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBatch } from '../../src/core/archive/batch-run';
import { Engine } from '../../src/core/engine';
import { createPipelineStages } from '../../src/core/jobs/real-stages';
import { setTestAgency } from '../support/agency';
import { tempDir } from '../support/temp-dir';
import { writeSmallPages, writeTree } from './batch-tree';

describe('a batch run ends as its last job ends', () => {
  const dir = tempDir('sohoa-batch-end-');

  afterAll(() => dir.remove());

  it('returns within a second of the last job, however long its poll between progress lines', async () => {
    const tree = join(dir.path, 'tree');
    writeTree(tree, [{ relPath: 'HS 1', pages: await writeSmallPages(join(dir.path, 'pages'), 2) }]);
    writeFileSync(join(dir.path, 'register.csv'), 'Hồ sơ số,Tiêu đề,Số trang\n1,Một,2\n');
    const dataDir = join(dir.path, 'data');
    const stages = createPipelineStages({ dataDir, ocrWorkers: 1 });
    const engine = setTestAgency(Engine.open({ dataDir, actor: 'test', pipeline: { stages, concurrency: 1, autoStart: false } }));
    let lastJobEnd = 0;
    engine.events.subscribe((event, payload) => {
      if (event === 'job.changed' && (payload as { state: string }).state !== 'leased') lastJobEnd = performance.now();
    });
    try {
      // A poll far longer than the test may take: the run must learn of the end from the job, not the clock.
      const result = await runBatch(engine, { folder: tree, registerPath: join(dir.path, 'register.csv'), actor: 'test', pollMs: 600_000 });
      const returned = performance.now();
      expect(result.outcome).toBe('done');
      expect(result.report!.pages.read).toBe(2);
      expect(lastJobEnd).toBeGreaterThan(0);
      expect(returned - lastJobEnd).toBeLessThan(1000);
    } finally {
      await engine.close();
      await stages.close();
    }
  }, 120_000);
});
