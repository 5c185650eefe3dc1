import { randomBytes } from 'node:crypto';
import fontkit from '@pdf-lib/fontkit';
import {
  concatTransformationMatrix,
  drawObject,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFString,
  popGraphicsState,
  pushGraphicsState,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import type { PageText } from '../../shared/page-text';
import { embedPageImage, type PageImage } from './page-image-embedder';
import type { ColorMode, RecordMetadata, ScanFacts } from './record-metadata';
import { defaultRecordResourcePaths, readResource, type RecordResourcePaths } from './record-resources';
import { tagSubsetFonts } from './subset-font-tag';
import { textLayerOperators, type TextLayerFont } from './text-layer';
import { recordXmp } from './xmp-metadata';

export interface RecordPage extends PageImage {
  text?: PageText;
}

export interface RecordInput {
  pages: RecordPage[];
  metadata: RecordMetadata;
  resources?: RecordResourcePaths;
}

const textFontName = 'OcrText';

/** Assembles one record: a PDF/A-2b with each page image at its physical size and an invisible OCR text layer. */
export async function buildRecordPdf(input: RecordInput): Promise<Uint8Array> {
  if (input.pages.length === 0) throw new RangeError('a record needs at least one page');
  const resources = input.resources ?? defaultRecordResourcePaths();
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const textFont = input.pages.some((p) => p.text?.lines.length) ? await loadTextFont(doc, resources.textFont) : undefined;
  for (const page of input.pages) await addPage(doc, page, textFont);
  const producer = input.metadata.producer ?? 'sohoa';
  const scan = scanFacts(input.pages);
  setInfo(doc, input.metadata, producer);
  addXmp(doc, recordXmp({ metadata: input.metadata, scan, producer, created: input.metadata.digitizedAt }));
  addOutputIntent(doc, await readResource(resources.srgbIcc));
  await doc.flush();
  tagSubsetFonts(doc);
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}

async function loadTextFont(doc: PDFDocument, path: string): Promise<TextLayerFont> {
  const data = await readResource(path);
  const font = await doc.embedFont(data, { subset: true });
  const metrics = fontkit.create(data);
  const covered = new Set(font.getCharacterSet());
  return { font, name: textFontName, ascent: metrics.ascent / metrics.unitsPerEm, descent: metrics.descent / metrics.unitsPerEm, covers: (c) => covered.has(c) };
}

async function addPage(doc: PDFDocument, page: RecordPage, font: TextLayerFont | undefined): Promise<PDFPage> {
  const k = 72 / page.dpi;
  const widthPt = page.width * k;
  const heightPt = page.height * k;
  const pdfPage = doc.addPage([widthPt, heightPt]);
  const imageRef: PDFRef = await embedPageImage(doc, page);
  const imageName = pdfPage.node.newXObject('Scan', imageRef);
  pdfPage.pushOperators(pushGraphicsState(), concatTransformationMatrix(widthPt, 0, 0, heightPt, 0, 0), drawObject(imageName), popGraphicsState());
  if (font && page.text?.lines.length) {
    pdfPage.node.setFontDictionary(PDFName.of(font.name), font.font.ref);
    // Boxes are in the pixels of the image the OCR saw, which may differ from the record's image.
    const scale = page.text.width > 0 ? page.width / page.text.width : 1;
    pdfPage.pushOperators(...textLayerOperators(page.text, font, k * scale, heightPt));
  }
  return pdfPage;
}

function scanFacts(pages: RecordPage[]): ScanFacts {
  const modes = new Set<ColorMode>(pages.map((p) => p.colorMode));
  const colorMode: ColorMode = modes.has('color') ? 'color' : modes.has('gray') ? 'gray' : 'bw';
  return { pageCount: pages.length, dpi: Math.min(...pages.map((p) => p.dpi)), colorMode };
}

function setInfo(doc: PDFDocument, m: RecordMetadata, producer: string): void {
  doc.setTitle(m.title);
  doc.setProducer(producer);
  doc.setCreator(producer);
  doc.setCreationDate(m.digitizedAt);
  doc.setModificationDate(m.digitizedAt);
  const id = randomBytes(16).toString('hex');
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
}

function addXmp(doc: PDFDocument, xmp: string): void {
  const stream = doc.context.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}

function addOutputIntent(doc: PDFDocument, icc: Uint8Array): void {
  const profile = doc.context.flateStream(icc, { N: 3 });
  const intent = doc.context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
    Info: PDFString.of('sRGB IEC61966-2.1'),
    DestOutputProfile: doc.context.register(profile),
  });
  doc.catalog.set(PDFName.of('OutputIntents'), doc.context.obj([doc.context.register(intent)]));
}
