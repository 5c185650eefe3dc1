import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contractCall } from '../../src/cli/contract-call';
import { Engine } from '../../src/core/engine';
import { createPipelineStages } from '../../src/core/jobs/real-stages';
import type { BatchRunEvent } from '../../src/shared/batch-run-contract';
import { setTestAgency } from '../support/agency';
import { codeOf } from '../support/coded-error';
import { tempDir } from '../support/temp-dir';
import { writeSmallPages, writeTree } from './batch-tree';

/** `batch.run` through the contract's edge, as `sohoa batch` calls it: what it says as it goes, how it ends, how it is stopped. */
describe('batch.run and batch.runStop', () => {
  const dir = tempDir('sohoa-batch-run-');
  const dataDir = join(dir.path, 'data');
  let engine: Engine | undefined;
  let stages: ReturnType<typeof createPipelineStages> | undefined;

  afterAll(async () => {
    await engine?.close();
    await stages?.close();
    dir.remove();
  });

  const open = () => {
    stages = createPipelineStages({ dataDir, ocrWorkers: 1 });
    engine = setTestAgency(Engine.open({ dataDir, actor: 'test', pipeline: { stages, concurrency: 1, autoStart: false } }));
    const events: BatchRunEvent[] = [];
    engine.events.subscribe((event, payload) => {
      if (event === 'batch.run') events.push(payload as BatchRunEvent);
    });
    return { call: contractCall(engine), events };
  };

  it('runs a folder and its register to the end: the batch opened, the intake summed up, progress lines, the report', async () => {
    const tree = join(dir.path, 'tree');
    const pages = await writeSmallPages(join(dir.path, 'pages'), 3);
    writeTree(tree, [
      { relPath: 'HS 1', pages: [pages[0]!, pages[1]!] },
      { relPath: 'HS 2', pages: [pages[2]!] },
    ]);
    writeFileSync(join(tree, 'le.png'), Buffer.from('not a page'));
    const register = join(dir.path, 'register.csv');
    writeFileSync(register, 'Hồ sơ số,Tiêu đề,Số trang\n1,Một,2\n2,Hai,1\n3,Ba,4\n');
    const { call, events } = open();
    const result = await call('batch.run', { folder: tree, registerPath: register, issuingAgency: 'UBND xã Cũ' });
    expect(result.outcome).toBe('done');
    expect(result.report.pages).toMatchObject({ found: 3, read: 3, failed: 0 });
    const batchId = result.report.batch.id;
    // The summary counts the problems the report lists (this register has some).
    expect(result.report.registerProblems.length).toBeGreaterThan(0);
    expect(events[0]).toEqual({ batchId, kind: 'opened' });
    expect(events.find((e) => e.kind === 'intake')).toEqual({
      batchId,
      kind: 'intake',
      resumed: false,
      pagesAdded: 3,
      separators: 0,
      loose: 1,
      importWarnings: [],
      register: { encoding: 'utf-8', rows: 3, problems: result.report.registerProblems.length },
    });
    const progress = events.filter((e) => e.kind === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((e) => e.batchId === batchId)).toBe(true);
    expect((await call('batch.list', {})).find((b) => b.id === batchId)).toMatchObject({ state: 'done' });
    // Run again, nothing is new: the same batch, resumed, and no stop to ask of it once it has ended.
    const again = await call('batch.run', { folder: tree, registerPath: register });
    expect(again.report.batch.id).toBe(batchId);
    expect(events.filter((e) => e.kind === 'intake').at(-1)).toMatchObject({ resumed: true, pagesAdded: 0 });
    expect(await call('batch.runStop', { batchId })).toEqual({ stopping: false });
  }, 180_000);

  it('stops when asked as soon as the batch is opened: the batch is paused, its pages not all read', async () => {
    const stream = join(dir.path, 'stream');
    await writeSmallPages(stream, 4);
    const { call } = { call: contractCall(engine!) };
    let stopped: Promise<{ stopping: boolean }> | undefined;
    const unsubscribe = engine!.events.subscribe((event, payload) => {
      const e = payload as BatchRunEvent;
      if (event === 'batch.run' && e.kind === 'opened') stopped = call('batch.runStop', { batchId: e.batchId });
    });
    try {
      const result = await call('batch.run', { folder: stream, separate: 'count:2' });
      expect(await stopped).toEqual({ stopping: true });
      expect(result.outcome).toBe('paused');
      expect(result.report.pages.read).toBeLessThan(4);
      expect((await call('batch.list', {})).find((b) => b.id === result.report.batch.id)).toMatchObject({ state: 'paused' });
    } finally {
      unsubscribe();
    }
  }, 180_000);

  it('refuses a relative folder, an unknown encoding and a bad separation with their codes', async () => {
    const call = contractCall(engine!);
    expect(await codeOf(call('batch.run', { folder: 'relative/folder' }))).toBe('path.not-allowed');
    expect(await codeOf(call('batch.run', { folder: dir.path, encoding: 'latin-1' as never }))).toBe('input.invalid');
    expect(await codeOf(call('batch.run', { folder: join(dir.path, 'stream'), separate: 'count:0' }))).toBe('batch.bad-separation');
  });
});
