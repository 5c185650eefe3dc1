import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, type PDFRawStream } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRecordPdf } from '../../src/core/record/build-record-pdf';
import { corpusPage, craftedPageText, recordPageFromCorpus } from './support/corpus-pages';
import { pdftotext, qpdfCheck, withPdfFile } from './support/pdf-tools';

const metadata = {
  title: 'Tờ khai đăng ký khai sinh — Lâm Hoàng Thảo',
  dossierCode: 'H74.12.3-241130-0001',
  procedureCode: '1.001193',
  documentKind: 'to_khai_khai_sinh',
  documentNumber: '15/2024',
  documentDate: '2024-11-30',
  issuingAgencyAtIssue: 'UBND xã Minh Hòa, huyện Dầu Tiếng, tỉnh Bình Dương',
  issuingAgencyToday: 'UBND xã Minh Hòa, Thành phố Hồ Chí Minh',
  digitizedAt: new Date('2026-11-23T08:30:00Z'),
  digitizedBy: 'Nguyễn Thị Ánh',
};

interface BboxWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

function bboxWords(pdf: Uint8Array, page = 1): BboxWord[] {
  const html = pdftotext(pdf, '-bbox', '-f', String(page), '-l', String(page));
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    text: m[5]!
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"'),
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
  }));
}

/** The pixels of each image in the PDF, as grey bytes, extracted by pdfimages. */
async function extractedGrayPixels(pdf: Uint8Array): Promise<Buffer[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sohoa-images-'));
  try {
    withPdfFile(pdf, (p) => execFileSync('pdfimages', ['-png', p, join(dir, 'img')]));
    const files = readdirSync(dir).sort();
    return await Promise.all(files.map((f) => sharp(join(dir, f)).greyscale().raw().toBuffer()));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function imageList(pdf: Uint8Array): string[][] {
  const list = withPdfFile(pdf, (p) => execFileSync('pdfimages', ['-list', p], { encoding: 'utf8' }));
  return list
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((l) => l.trim().split(/\s+/));
}

describe('buildRecordPdf', () => {
  const grayId = 'viadm-18d1';
  const jpegId = 'viadm-3ada';
  let textPdf: Uint8Array;
  beforeAll(async () => {
    textPdf = await buildRecordPdf({
      pages: [
        recordPageFromCorpus(grayId, 'gray', craftedPageText(grayId)),
        recordPageFromCorpus(jpegId, undefined, craftedPageText(jpegId)),
      ],
      metadata,
      compression: 'jpeg',
    });
  });

  it('gives back the OCR words, with Vietnamese diacritics in NFC, through pdftotext', () => {
    for (const [i, id] of [grayId, jpegId].entries()) {
      const expected = craftedPageText(id).lines.flatMap((l) => l.words.map((w) => w.text.normalize('NFC')));
      const text = pdftotext(textPdf, '-f', String(i + 1), '-l', String(i + 1));
      expect(text.normalize('NFC')).toBe(text);
      expect(text.split(/\s+/).filter(Boolean)).toEqual(expected);
    }
  });

  it('places each word within 2 pt of its OCR box on the image', () => {
    const page = corpusPage(grayId);
    const k = 72 / page.dpi;
    const words = craftedPageText(grayId).lines.flatMap((l) => l.words);
    const found = bboxWords(textPdf, 1);
    expect(found.length).toBe(words.length);
    for (const [i, w] of words.entries()) {
      const got = found[i]!;
      expect(got.text).toBe(w.text.normalize('NFC'));
      expect(Math.abs(got.xMin - w.bbox.x0 * k)).toBeLessThan(2);
      expect(Math.abs(got.xMax - w.bbox.x1 * k)).toBeLessThan(2);
      expect(Math.abs(got.yMin - w.bbox.y0 * k)).toBeLessThan(2);
      expect(Math.abs(got.yMax - w.bbox.y1 * k)).toBeLessThan(2);
    }
  });

  it('sizes each page to the image at its true physical size and passes JPEG bytes through', async () => {
    const doc = await PDFDocument.load(textPdf);
    for (const [i, id] of [grayId, jpegId].entries()) {
      const p = corpusPage(id);
      const { width, height } = doc.getPage(i).getSize();
      expect(width).toBeCloseTo((p.width_px / p.dpi) * 72, 3);
      expect(height).toBeCloseTo((p.height_px / p.dpi) * 72, 3);
    }
    const jpeg = recordPageFromCorpus(jpegId).image;
    expect(Buffer.from(textPdf).indexOf(jpeg)).toBeGreaterThan(0);
  });

  it('is PDF/A-2b shaped: XMP with the record fields, sRGB OutputIntent, trailer ID, embedded fonts, and qpdf finds no errors', async () => {
    const check = qpdfCheck(textPdf);
    expect(check.status).toBe(0);
    expect(check.output).toContain('No syntax or stream encoding errors');
    const doc = await PDFDocument.load(textPdf, { updateMetadata: false });
    const xmpStream = doc.catalog.lookup(PDFName.of('Metadata')) as PDFRawStream;
    const xmp = new TextDecoder().decode(xmpStream.contents);
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(xmp).toContain(metadata.title);
    for (const v of [
      metadata.dossierCode,
      metadata.procedureCode,
      metadata.documentNumber,
      metadata.documentDate,
      metadata.issuingAgencyAtIssue,
      metadata.issuingAgencyToday,
      metadata.digitizedBy,
    ])
      expect(xmp).toContain(v);
    expect(xmp).toContain('<sohoa:pageCount>2</sohoa:pageCount>');
    expect(xmp).toContain(`<sohoa:dpi>${corpusPage(grayId).dpi}</sohoa:dpi>`);
    expect(xmp).toContain('<sohoa:colorMode>color</sohoa:colorMode>');
    expect(xmp).toContain('<xmp:CreateDate>2026-11-23T08:30:00Z</xmp:CreateDate>');
    expect(doc.getTitle()).toBe(metadata.title);
    expect(xmp).toContain(`<pdf:Producer>${doc.getProducer()}</pdf:Producer>`);
    expect(doc.getCreationDate()?.toISOString()).toBe(metadata.digitizedAt.toISOString());

    const intents = doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
    const intent = intents.lookup(0, PDFDict);
    expect(intent.get(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFA1'));
    const profile = intent.lookup(PDFName.of('DestOutputProfile')) as PDFRawStream;
    const icc = decodePDFRawStream(profile).decode();
    expect(new TextDecoder('latin1').decode(icc.subarray(36, 40))).toBe('acsp');
    expect(doc.context.trailerInfo.ID).toBeDefined();
    expect(new TextDecoder('latin1').decode(textPdf.subarray(0, 8))).toMatch(/^%PDF-1\.[4-7]/);

    const fonts = withPdfFile(textPdf, (p) => execFileSync('pdffonts', [p], { encoding: 'utf8' }));
    const fontRows = fonts.split('\n').slice(2).filter(Boolean);
    expect(fontRows.length).toBeGreaterThan(0);
    for (const row of fontRows) expect(row).toMatch(/^[A-Z]{6}\+\S+.*\s+yes\s+yes\s+yes\s+\d+\s+\d+\s*$/);
  });

  it('keeps every character the OCR read: one no text font has, a combining mark, and words whose boxes nearly touch', async () => {
    const text = craftedPageText(jpegId);
    const [first, second] = text.lines[0]!.words;
    first!.text = `${first!.text}漢`;
    // "ở" written as o + horn + hook above: NFC makes it one character; U+1DC4 has no precomposed form.
    second!.text = `${second!.text}o\u031b\u0309a\u1dc4`;
    // Two words 6 px apart on a 70 px line: as close as the OCR reads "Nhà ở" on viadm-faac (4 px on 45 px).
    text.lines[1]!.words[1]!.bbox.x0 = text.lines[1]!.words[0]!.bbox.x1 + 6;
    const pdf = await buildRecordPdf({ pages: [recordPageFromCorpus(jpegId, undefined, text)], metadata });
    const expected = text.lines.flatMap((l) => l.words.map((w) => w.text.normalize('NFC')));
    expect(pdftotext(pdf).split(/\s+/).filter(Boolean)).toEqual(expected);
    expect(pdftotext(pdf)).toContain('ởa\u1dc4');
    const fonts = withPdfFile(pdf, (p) => execFileSync('pdffonts', [p], { encoding: 'utf8' }));
    expect(fonts).toMatch(/GlyphLessFont\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
  });

  it('keeps a grey PNG page pixel for pixel', async () => {
    const page = recordPageFromCorpus(grayId, 'gray');
    const pdf = await buildRecordPdf({ pages: [page], metadata, compression: 'jpeg' });
    const [pixels] = await extractedGrayPixels(pdf);
    expect(pixels!.equals(await sharp(page.image).greyscale().raw().toBuffer())).toBe(true);
  });

  it('keeps a bilevel page as a small lossless 1-bit image, from a grey page or from a 1-bit PNG', async () => {
    const gray = recordPageFromCorpus(grayId, 'bw');
    // sharp writes 1-bit PNG only with a palette (its typings do not list bitdepth for PNG).
    const oneBitPalette = { palette: true, colours: 2, bitdepth: 1 };
    const source = await sharp(gray.image).greyscale().raw().toBuffer();
    const threshold = Buffer.from(source.map((v) => (v >= 128 ? 255 : 0)));
    const oneBitPng = await sharp(threshold, { raw: { width: gray.width, height: gray.height, channels: 1 } })
      .png(oneBitPalette)
      .toBuffer();
    for (const image of [gray.image, oneBitPng]) {
      const pdf = await buildRecordPdf({ pages: [{ ...gray, image }], metadata });
      const row = imageList(pdf)[0]!;
      // page num type width height color comp bpc enc
      expect(Number(row[3])).toBe(gray.width);
      expect(Number(row[4])).toBe(gray.height);
      expect(row[7]).toBe('1');
      expect(pdf.length).toBeLessThan((gray.width * gray.height) / 8 / 2);
      const [pixels] = await extractedGrayPixels(pdf);
      expect(pixels!.equals(threshold)).toBe(true);
      expect(pdftotext(pdf).trim()).toBe('');
    }
  });
});
