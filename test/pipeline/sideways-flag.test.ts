import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOW_CONFIDENCE } from '../../src/core/archive/qc-queue';
import { Engine } from '../../src/core/engine';
import { createPipelineStages } from '../../src/core/jobs/real-stages';
import { setTestAgency } from '../support/agency';
import { tempDir } from '../support/temp-dir';

const CORPUS = new URL('../fixtures/vi-admin/', import.meta.url).pathname;
// A corpus page photographed a quarter turn off (the manifest's "rotated" variant, turned 90°).
const SIDEWAYS = join(CORPUS, 'images/viadm-9851.jpg');

describe('a page the clean-up turned sideways and OCR read poorly is flagged for the clerk', () => {
  const dir = tempDir();
  const files = tempDir();
  let engine: Engine;
  let stages: ReturnType<typeof createPipelineStages>;
  let documentId: number;

  beforeAll(async () => {
    stages = createPipelineStages({ dataDir: dir.path, ocrWorkers: 1 });
    engine = setTestAgency(Engine.open({ dataDir: dir.path, pipeline: { stages, concurrency: 1 } }));
    const dossier = await engine.handlers['dossier.create']({
      procedureCode: 'MAU-HT-01',
      applicantName: 'Lâm Quang Khoa',
      applicantCccd: '074093513649',
      receivedDate: '2021-03-05',
    });
    documentId = (await engine.handlers['document.create']({ dossierId: dossier.id, component: 'Tờ khai' })).id;
    // The same sideways page out of focus: still turned upright by the clean-up, but read at about half confidence.
    const blurred = join(files.path, 'sideways-blurred.jpg');
    writeFileSync(blurred, await sharp(readFileSync(SIDEWAYS)).blur(6).jpeg().toBuffer());
    await engine.handlers['document.importFiles']({ documentId, paths: [SIDEWAYS, blurred] });
    await engine.idle();
  }, 300_000);
  afterAll(async () => {
    await engine.close();
    await stages.close();
    dir.remove();
    files.remove();
  });

  const pages = () => engine.store.pages.ofDocument(documentId);

  it('flags the sideways page read at low confidence', () => {
    const poor = pages()[1]!;
    expect(poor.state).toBe('read');
    expect(poor.rotation % 180).toBe(90);
    expect(poor.ocrConfidence).toBeLessThan(LOW_CONFIDENCE);
    expect(poor.flags).toContain('sideways-low-confidence');
  });

  it('leaves the same sideways page alone when it reads well', () => {
    const good = pages()[0]!;
    expect(good.rotation % 180).toBe(90);
    expect(good.ocrConfidence).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
    expect(good.flags).not.toContain('sideways-low-confidence');
  });
});
