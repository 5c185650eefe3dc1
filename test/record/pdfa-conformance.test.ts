import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRecordPdf } from '../../src/core/record/build-record-pdf';
import { openP12Signer } from '../../src/core/record/p12-signer';
import { signPdf } from '../../src/core/record/sign-pdf';
import { craftedPageText, recordPageFromCorpus } from './support/corpus-pages';
import { pdfa2bProblems } from './support/pdfa-checks';
import { createTestPki, readBytes, type TestPki } from './support/test-pki';

const metadata = { title: 'Tờ khai đăng ký khai sinh', digitizedAt: new Date('2026-12-01T08:00:00Z') };
const stampId = 'viadm-3ada';
const greyId = 'viadm-18d1';
const degradedId = 'viadm-c025';

describe('records checked against the parts of PDF/A-2b that matter (test/record/support/pdfa-checks.ts)', () => {
  let pki: TestPki;
  let mrc: Uint8Array;
  beforeAll(async () => {
    pki = createTestPki();
    mrc = await buildRecordPdf({
      pages: [
        recordPageFromCorpus(stampId, undefined, craftedPageText(stampId)),
        recordPageFromCorpus(degradedId, undefined, craftedPageText(degradedId)),
      ],
      metadata,
      compression: 'mrc',
    });
  });
  afterAll(() => pki?.cleanup());

  it('passes an MRC record of a colour and a 200 dpi grey page, with its text layer', async () => {
    expect(await pdfa2bProblems(mrc)).toEqual([]);
  });

  it('passes a jpeg record and a black and white page', async () => {
    const pdf = await buildRecordPdf({
      pages: [recordPageFromCorpus(greyId, undefined, craftedPageText(greyId)), recordPageFromCorpus(greyId, 'bw')],
      metadata,
      compression: 'jpeg',
    });
    expect(await pdfa2bProblems(pdf)).toEqual([]);
  });

  it('passes the record once signed, with its visible signature stamp', async () => {
    const signer = await openP12Signer(readBytes(pki.signerP12), pki.password);
    const signed = await signPdf(mrc, { signer, stamp: { lines: ['Ký bởi: Nguyễn Văn A', 'Ngày ký: 01/12/2026'] } });
    expect(await pdfa2bProblems(signed)).toEqual([]);
  });

  it('finds what breaks PDF/A: no XMP, JavaScript on opening, a transparency group, a font not embedded, a hidden annotation', async () => {
    const doc = await PDFDocument.load(mrc, { updateMetadata: false });
    doc.catalog.delete(PDFName.of('Metadata'));
    doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert(1)') }));
    const page = doc.getPage(0);
    page.node.set(PDFName.of('Group'), doc.context.obj({ Type: 'Group', S: 'Transparency', CS: 'DeviceRGB' }));
    const font = doc.context.register(doc.context.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica' }));
    page.node.setFontDictionary(PDFName.of('Plain'), font);
    const annot = doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Text', Rect: [0, 0, 20, 20], F: 2 }));
    page.node.set(PDFName.of('Annots'), doc.context.obj([annot]));
    const spoiled = await doc.save({ useObjectStreams: false });
    const problems = await pdfa2bProblems(spoiled);
    for (const expected of [
      /catalog has no \/Metadata/,
      /catalog has an \/OpenAction/,
      /JavaScript \(\/JS\)/,
      /action \/JavaScript/,
      /transparency group/,
      /font \/Helvetica has no font descriptor/,
      /annotation flags 2/,
      /annotation without a normal appearance/,
    ])
      expect(
        problems.some((p) => expected.test(p)),
        `${String(expected)} in ${problems.join('; ')}`,
      ).toBe(true);
  });
});
