import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { createPipelineStages } from '../../src/core/jobs/real-stages';
import { foldVietnamese } from '../../src/shared/fold';
import { tempDir } from '../support/temp-dir';
import { setTestAgency } from '../support/agency';

const CORPUS = new URL('../fixtures/vi-admin/', import.meta.url).pathname;
interface CorpusPage {
  id: string;
  file: string;
  variant: string;
  rotation: number;
  expected_blank: boolean;
  fields: { cccd: string[] };
}
const manifest = JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as { pages: CorpusPage[] };
const upright = manifest.pages.find((p) => p.variant === 'clean' && p.fields.cccd.length > 0)!;
const rotated = manifest.pages.find((p) => p.variant === 'rotated' && p.fields.cccd.length > 0)!;

describe('the pipeline, with the real stages, through the engine', () => {
  const dir = tempDir();
  const files = tempDir();
  let engine: Engine;
  let stages: ReturnType<typeof createPipelineStages>;
  let documentId: number;
  let dossierId: number;
  let brokenDocumentId: number;

  beforeAll(async () => {
    stages = createPipelineStages({ dataDir: dir.path, ocrWorkers: 2 });
    engine = setTestAgency(Engine.open({ dataDir: dir.path, pipeline: { stages, concurrency: 2 } }));
    const dossier = await engine.handlers['dossier.create']({
      procedureCode: 'MAU-HT-01',
      applicantName: 'Lâm Quang Khoa',
      applicantCccd: '074093513649',
      receivedDate: '2021-03-05',
    });
    dossierId = dossier.id;
    documentId = (await engine.handlers['document.create']({ dossierId, component: 'Tờ khai' })).id;
  });
  afterAll(async () => {
    await engine.close();
    await stages.close();
    dir.remove();
    files.remove();
  });

  it('imports pages, reports a bad file alone, and adds the same image once', async () => {
    const corrupt = join(files.path, 'truncated.jpg');
    writeFileSync(corrupt, readFileSync(join(CORPUS, rotated.file)).subarray(0, 5000));
    const missing = join(files.path, 'no-such-file.png');
    const result = await engine.handlers['document.importFiles']({
      documentId,
      paths: [join(CORPUS, upright.file), join(CORPUS, rotated.file), join(CORPUS, upright.file), missing],
    });
    expect(result.added).toHaveLength(2);
    expect(result.duplicates).toHaveLength(1);
    expect(result.errors.map((e) => [e.source, e.code])).toEqual([[missing, 'import.unreadable']]);
    // A truncated JPEG is refused at import, and so is never a page.
    const refused = await engine.handlers['document.importFiles']({ documentId, paths: [corrupt] });
    expect(refused.errors.map((e) => e.code)).toEqual(['import.corrupt-image']);
    // A page whose image breaks later in the pipeline (here: sent as raw bytes, as a camera frame would be) fails alone.
    brokenDocumentId = (await engine.handlers['document.create']({ dossierId, component: 'Giấy tờ khác' })).id;
    const bad = await engine.handlers['page.addImage']({
      documentId: brokenDocumentId,
      imageBase64: readFileSync(corrupt).toString('base64'),
      source: 'camera',
    });
    expect(bad.added).toHaveLength(1);
  });

  it('cleans, reads and assembles a record; the bad image fails alone with a code and holds back only its own record', async () => {
    await engine.idle();
    const [doc, brokenDoc] = await engine.handlers['document.list']({ dossierId });
    const [first, second] = doc!.pages;
    expect(first!.state).toBe('read');
    expect(second!.state).toBe('read');
    // The manifest gives how far the content is turned clockwise; the page is turned back by the rest of a full turn.
    expect(second!.rotation).toBe((360 - rotated.rotation) % 360);
    expect(doc!.record).not.toBeNull();
    expect(brokenDoc!.id).toBe(brokenDocumentId);
    expect(brokenDoc!.pages[0]!.state).toBe('failed');
    expect(brokenDoc!.pages[0]!.error?.code).toMatch(/^image\./);
    expect(brokenDoc!.record).toBeNull();

    const pdf = join(dir.path, 'record.pdf');
    writeFileSync(pdf, engine.store.blobs.get(doc!.record!.pdfSha256));
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const cccd of [...upright.fields.cccd, ...rotated.fields.cccd]) expect(text).toContain(cccd);
  });

  it("writes the record as mixed raster content by default, and as the scan's JPEG when record.compression is jpeg", async () => {
    const [doc] = await engine.handlers['document.list']({ dossierId });
    const layersOf = (sha: string) => {
      const pdf = join(dir.path, `${sha}.pdf`);
      writeFileSync(pdf, engine.store.blobs.get(sha));
      return execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' });
    };
    expect(layersOf(doc!.record!.pdfSha256)).toMatch(/stencil.*ccitt/);
    await engine.handlers['settings.set']({ changes: [{ key: 'record.compression', value: 'jpeg' }] });
    const plainId = (await engine.handlers['document.create']({ dossierId, component: 'Bản sao' })).id;
    const other = manifest.pages.find((p) => p.variant === 'clean' && p.id !== upright.id)!;
    await engine.handlers['document.importFiles']({ documentId: plainId, paths: [join(CORPUS, other.file)] });
    await engine.idle();
    const plain = (await engine.handlers['document.list']({ dossierId })).find((d) => d.id === plainId)!;
    const list = layersOf(plain.record!.pdfSha256);
    expect(list).not.toMatch(/ccitt/);
    expect(list).toMatch(/image\s+2480\s+3508\s+gray\s+1\s+8\s+jpeg/);
    await engine.handlers['settings.set']({ changes: [{ key: 'record.compression', value: 'mrc' }] });
  });

  it('indexes what was read for search without diacritics', async () => {
    const truth = readFileSync(join(CORPUS, 'truth', `${upright.id}.txt`), 'utf8');
    const title = truth
      .split('\n')
      .find((l) => l.trim().length > 12 && /^[\p{Lu}\s]+$/u.test(l.trim()))!
      .trim();
    const hits = await engine.handlers['search.query']({ text: foldVietnamese(title), limit: 10 });
    expect(hits.some((h) => h.dossierId === dossierId && h.pageId !== null)).toBe(true);
  });

  it('repeats no work when the same pages are imported again', async () => {
    const before = engine.store.jobs.countsByState();
    const again = await engine.handlers['document.importFiles']({
      documentId,
      paths: [join(CORPUS, upright.file), join(CORPUS, rotated.file)],
    });
    expect(again.added).toEqual([]);
    expect(again.duplicates).toHaveLength(2);
    expect(engine.store.jobs.countsByState()).toEqual(before);
  });
});
