import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { ArchiveRepository } from '../../src/core/store/archive-repository';
import { setTestAgency } from '../support/agency';
import { codeOf } from '../support/coded-error';
import { tempDir } from '../support/temp-dir';
import { writeSmallPages } from './batch-tree';

/** batch.preview and batch.start as the app calls them, on an engine whose pipeline is not running: only the intake is looked at. */
describe('batch.preview and batch.start: what a folder and register give, and what is refused', () => {
  const dir = tempDir('sohoa-batch-start-');
  const tree = join(dir.path, 'kho');
  const stream = join(dir.path, 'luong');
  const register = join(dir.path, 'so.csv');
  let engine: Engine;

  beforeAll(async () => {
    await writeSmallPages(join(tree, 'Hộp 1', 'HS 1'), 1, 1);
    await writeSmallPages(join(tree, 'Hộp 1', 'HS 2'), 2, 2);
    writeFileSync(join(tree, 'ghi-chu.txt'), 'không phải trang\n');
    await writeSmallPages(stream, 4, 1);
    writeFileSync(register, ['Hộp số;Hồ sơ số;Tiêu đề;Số trang', '1;1;Một;1', '1;2;Hai;2'].join('\n'));
    mkdirSync(join(dir.path, 'data'));
    engine = setTestAgency(Engine.open({ dataDir: join(dir.path, 'data'), actor: 'test' }));
  }, 60_000);

  afterAll(async () => {
    await engine?.close();
    dir.remove();
  });

  it('previews a box/dossier tree: its dossier folders, the loose file, the register read with ; and its map', async () => {
    const view = await engine.handlers['batch.preview']({ folder: tree, registerPath: register, separate: 'folders' });
    expect(view.folder).toMatchObject({ dossiers: 2, firstDossiers: ['Hộp 1/HS 1', 'Hộp 1/HS 2'], files: 1 });
    expect(view.register).toMatchObject({
      delimiter: ';',
      rowCount: 2,
      columns: { box: 'Hộp số', dossier: 'Hồ sơ số', title: 'Tiêu đề', pages: 'Số trang' },
      unmapped: [],
    });
    expect(view.register!.rows.map((r) => [r.box, r.archiveNumber, r.expectedPages])).toEqual([
      ['1', '1', 1],
      ['1', '2', 2],
    ]);
    expect(await engine.handlers['batch.list']({})).toEqual([]);
  });

  it('previews a flat stream split every N pages by its page files', async () => {
    const view = await engine.handlers['batch.preview']({ folder: stream, separate: 'count:2' });
    expect(view).toEqual({ folder: { path: stream, dossiers: null, firstDossiers: [], files: 4 }, register: null });
  });

  it('refuses a bad separation, a column the register does not have, a register inside the data folder', async () => {
    expect(await codeOf(Promise.resolve().then(() => engine.handlers['batch.start']({ folder: tree, separate: 'count:0' })))).toBe(
      'batch.bad-separation',
    );
    expect(
      await codeOf(
        Promise.resolve().then(() =>
          engine.handlers['batch.preview']({ folder: tree, registerPath: register, separate: 'folders', columns: { year: 'Năm hồ sơ' } }),
        ),
      ),
    ).toBe('register.bad-map');
    expect(
      await codeOf(
        Promise.resolve().then(() =>
          engine.handlers['batch.start']({ folder: tree, registerPath: join(dir.path, 'data', 'sohoa.db'), separate: 'folders' }),
        ),
      ),
    ).toBe('path.not-allowed');
    expect(
      await codeOf(
        Promise.resolve().then(() =>
          engine.handlers['batch.start']({ folder: tree, registerPath: join(dir.path, 'so.exe'), separate: 'folders' }),
        ),
      ),
    ).toBe('path.not-allowed');
    expect(await engine.handlers['batch.list']({})).toEqual([]);
  });

  it('starts: answers once the batch is open, takes the pages in behind; again later it is taken up; a cancelled batch is not started again', async () => {
    const ended: number[] = [];
    const stop = engine.events.subscribe((event, payload) => {
      const p = payload as { task: string; label: string; done: number };
      if (event === 'progress' && p.label === 'batch-intake-end') ended.push(p.done);
    });
    const started = await engine.handlers['batch.start']({ folder: tree, registerPath: register, separate: 'folders' });
    expect(started.resumed).toBe(false);
    const archive = new ArchiveRepository(engine.store.db);
    expect(archive.batch(started.batchId)!.status).toBe('running');
    await expect.poll(() => ended, { timeout: 30_000 }).toEqual([3]);
    expect(archive.progress(started.batchId).total).toBe(3);
    expect(archive.batch(started.batchId)!.status).toBe('running');

    // The same folder and register is the same batch: taken up again, nothing added twice.
    expect(await engine.handlers['batch.start']({ folder: tree, registerPath: register, separate: 'folders' })).toEqual({
      batchId: started.batchId,
      resumed: true,
    });
    await expect.poll(() => ended, { timeout: 30_000 }).toEqual([3, 0]);
    expect(archive.progress(started.batchId).total).toBe(3);

    await engine.handlers['batch.control']({ batchId: started.batchId, action: 'cancel' });
    expect(
      await codeOf(
        Promise.resolve().then(() => engine.handlers['batch.start']({ folder: tree, registerPath: register, separate: 'folders' })),
      ),
    ).toBe('batch.cancelled');
    stop();
  });

  it('refuses a second start while the first is still taking pages in', async () => {
    const ends: string[] = [];
    const stop = engine.events.subscribe((event, payload) => {
      const p = payload as { label: string };
      if (event === 'progress' && p.label.startsWith('batch-intake-')) ends.push(p.label);
    });
    const starts = await Promise.allSettled([1, 2].map(() => engine.handlers['batch.start']({ folder: stream, separate: 'count:2' })));
    expect(starts.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    expect(starts.flatMap((s) => (s.status === 'rejected' ? [(s.reason as { code: string }).code] : []))).toEqual(['batch.intake-running']);
    await expect.poll(() => ends, { timeout: 30_000 }).toEqual(['batch-intake-end']);
    stop();
  });
});
