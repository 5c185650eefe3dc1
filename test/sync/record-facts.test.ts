import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { buildRecordPdf } from '../../src/core/record/build-record-pdf';
import { recordFactsOf } from '../../src/core/record/record-facts';
import type { OutboxEntry } from '../../src/core/store/outbox-repository';
import { descriptorOf } from '../../src/core/sync/sync-runner';
import { recordPageFromCorpus } from '../record/support/corpus-pages';

const ENTRY = {
  documentId: 7,
  version: 1,
  pdfSha256: 'a'.repeat(64),
  dossierCode: 'HS-FACTS-1',
  procedureCode: '1.001',
  agencyCode: 'H29',
  year: 2026,
  dossierStatus: 'finalized',
  signedAt: null,
  isResult: false,
  handBackAt: null,
} as unknown as OutboxEntry;

describe('what the workstation declares of a record: its pages and kind, read from the PDF', () => {
  it('reads the page tree and sohoa:documentKind of a record the engine built, and declares both', async () => {
    const pdf = await buildRecordPdf({
      pages: [recordPageFromCorpus('viadm-863d'), recordPageFromCorpus('viadm-863d')],
      metadata: { title: 'Giấy chứng nhận', dossierCode: 'HS-FACTS-1', documentKind: 'giay-chung-nhan', digitizedAt: new Date() },
    });
    const facts = await recordFactsOf(pdf);
    expect(facts).toEqual({ pageCount: 2, documentKind: 'giay-chung-nhan' });
    expect(descriptorOf(ENTRY, pdf.length, facts)).toMatchObject({
      pageCount: 2,
      documentKind: 'giay-chung-nhan',
      dossierCode: 'HS-FACTS-1',
    });
  });

  it('declares no kind for a PDF without XMP, and nothing for bytes it cannot read (the hub then takes the PDF’s own)', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    doc.addPage();
    doc.addPage();
    expect(await recordFactsOf(await doc.save())).toEqual({ pageCount: 3, documentKind: null });
    expect(await recordFactsOf(new TextEncoder().encode('not a pdf'))).toBeUndefined();
    const declared = descriptorOf(ENTRY, 9, undefined);
    expect('pageCount' in declared || 'documentKind' in declared).toBe(false);
  });
});
