import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { splitArchiveResult } from '../../src/core/archive/split-result';
import { Engine } from '../../src/core/engine';
import { addCapturedPages } from '../../src/core/intake/page-intake';
import { PIPELINE_JOBS } from '../../src/core/jobs/pipeline';
import { ArchiveRepository } from '../../src/core/store/archive-repository';
import { DeskRepository } from '../../src/core/store/desk-repository';
import { openStore } from '../../src/core/store/store';
import { insertArchiveDossier } from '../support/archive-dossier';
import { setTestAgency } from '../support/agency';
import { TEST_KEY } from '../support/data-key';
import { tempDir } from '../support/temp-dir';

describe('job groups: held and released together, each job knowing its document', () => {
  const dir = tempDir('sohoa-job-group-');
  afterAll(() => dir.remove());

  it('leases only the jobs of groups not held, holds a job queued into a held group, and gives them back once released', () => {
    const store = openStore(join(dir.path, 'groups'), TEST_KEY);
    try {
      const { jobs } = store;
      const a1 = jobs.enqueue('work', 'a1', {}, { group: 'group:a' });
      const b1 = jobs.enqueue('work', 'b1', {}, { group: 'group:b' });
      const a2 = jobs.enqueue('work', 'a2', {}, { group: 'group:a' });
      const loose = jobs.enqueue('work', 'loose', {});
      const lease = () => jobs.lease('worker-1', ['work'], 60_000);

      jobs.holdGroup('group:a');
      // Queued while its group is held: held as well.
      const a3 = jobs.enqueue('work', 'a3', {}, { group: 'group:a' });
      expect(jobs.pendingNotHeld()).toBe(2);
      expect(lease()?.id).toBe(b1.id);
      expect(lease()?.id).toBe(loose.id);
      expect(lease()).toBeUndefined();

      jobs.releaseGroup('group:a');
      expect(jobs.pendingNotHeld()).toBe(5);
      expect([lease()?.id, lease()?.id, lease()?.id]).toEqual([a1.id, a2.id, a3.id]);
      expect(lease()).toBeUndefined();
      expect(jobs.pendingOfGroup('group:a')).toBe(3);
      expect(jobs.pendingOfGroup('group:b')).toBe(1);
    } finally {
      store.close();
    }
  });

  it('does not hand a held job whose worker died to another worker until its group is released', () => {
    const store = openStore(join(dir.path, 'expired'), TEST_KEY);
    try {
      const { jobs } = store;
      const job = jobs.enqueue('work', 'x', {}, { group: 'group:a' });
      const now = Date.now();
      expect(jobs.lease('dead-worker', ['work'], 1_000, now)?.id).toBe(job.id);
      jobs.holdGroup('group:a');
      expect(jobs.lease('worker-2', ['work'], 1_000, now + 5_000)).toBeUndefined();
      jobs.releaseGroup('group:a');
      expect(jobs.lease('worker-2', ['work'], 1_000, now + 5_000)?.id).toBe(job.id);
    } finally {
      store.close();
    }
  });

  it('pauses an archive batch by its group, and a job of a page split off to a new document follows the page', async () => {
    const engine = setTestAgency(Engine.open({ dataDir: join(dir.path, 'split'), actor: 'test' }));
    try {
      const { store } = engine;
      const archive = new ArchiveRepository(store.db);
      const desk = new DeskRepository(store.db);
      const batch = archive.createBatch({ name: 'Hộp 1', source: dir.path, registerPath: null, key: 'split' });
      archive.setStatus(batch.id, 'running');
      const dossier = insertArchiveDossier(engine, { batchId: batch.id, archiveNumber: '1' });
      const documentId = store.documents.create(dossier.id, 'Hồ sơ lưu trữ', null);
      archive.addFolder(batch.id, 'HS 1', dossier.id, documentId);
      const images = ['trang-1', 'trang-2', 'trang-3'].map((source) => ({ source, bytes: Buffer.from(`ảnh ${source}`) }));
      const { added } = await addCapturedPages(store, documentId, images);
      const deskDossier = store.db.transaction(() =>
        store.dossiers.insert(
          {
            kind: 'intake',
            procedureCode: null,
            applicantName: 'Nguyễn Văn An',
            applicantCccd: null,
            applicantPhone: null,
            applicantAddress: null,
            receivedDate: null,
            dueDate: null,
            workstationId: engine.workstation.id,
          },
          { prefix: 'MC-', format: (n) => `MC-${n}` },
        ),
      )();
      const deskDocument = store.documents.create(deskDossier.id, 'Tờ khai', null);
      await addCapturedPages(store, deskDocument, [{ source: 'quay', bytes: Buffer.from('ảnh ở quầy') }]);

      const cleanJobOf = (pageId: number) => {
        const job = store.jobs.lease('probe', [PIPELINE_JOBS.clean], 60_000);
        if (job) store.jobs.release(job.id, 'probe');
        return job && (job.payload as { pageId: number }).pageId === pageId ? job : undefined;
      };
      expect(store.jobs.pendingOfGroup(`batch:${batch.id}`)).toBe(3);
      expect(desk.pendingJobsOfDocument(documentId)).toBe(3);

      archive.setStatus(batch.id, 'paused');
      expect(archive.pendingJobs(batch.id)).toBe(3);
      // Paused: only the desk's page is taken.
      expect(store.jobs.pendingNotHeld()).toBe(1);
      const deskPage = store.pages.ofDocument(deskDocument)[0]!;
      expect(cleanJobOf(deskPage.id)).toBeDefined();
      archive.setStatus(batch.id, 'running');
      expect(store.jobs.pendingNotHeld()).toBe(4);
      expect(cleanJobOf(added[0]!)).toBeDefined();

      const split = splitArchiveResult({ store, desk, audit: engine.audit, actor: 'test' }, batch.id, documentId, [added[2]!], 'khac');
      const moved = store.jobs.find(PIPELINE_JOBS.clean, `${added[2]}:${store.pages.get(added[2]!)!.imageSha256}`)!;
      expect(store.jobs.documentOf(moved.id)).toBe(split.resultDocumentId);
      expect(desk.pendingJobsOfDocument(split.resultDocumentId)).toBe(1);
      expect(desk.pendingJobsOfDocument(documentId)).toBe(2);
      // Still the batch's work: pausing the batch holds it too.
      archive.setStatus(batch.id, 'paused');
      expect(store.jobs.pendingNotHeld()).toBe(1);
      expect(archive.pendingJobs(batch.id)).toBe(3);
    } finally {
      await engine.close();
    }
  });
});
