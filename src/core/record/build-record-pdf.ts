import { randomBytes } from 'node:crypto';
import {
  concatTransformationMatrix,
  drawObject,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFString,
  popGraphicsState,
  pushGraphicsState,
  type PDFRef,
} from 'pdf-lib';
import type { PageText } from '../../shared/page-text';
import { GlyphlessFont } from './glyphless-font';
import { drawMrcPage, type PageLayerDpi } from './mrc-page';
import { embedPageImage, type PageImage } from './page-image-embedder';
import type { ColorMode, RecordMetadata, ScanFacts } from './record-metadata';
import { defaultRecordResourcePaths, readResource, type RecordResourcePaths } from './record-resources';
import { tagSubsetFonts } from './subset-font-tag';
import { textLayerOperators, type TextLayerFont } from './text-layer';
import { recordXmp } from './xmp-metadata';

export interface RecordPage extends PageImage {
  text?: PageText;
}

/** How colour and grey page images go into the record: split into layers (mrc, the default) or as the scan's JPEG. */
export type RecordCompression = 'mrc' | 'jpeg';

export interface RecordInput {
  pages: RecordPage[];
  metadata: RecordMetadata;
  /** The `record.compression` setting. */
  compression?: RecordCompression;
  resources?: RecordResourcePaths;
}

const textFontName = 'OcrText';

/** How one page's image went in, and the resolution of each of its layers. */
interface PageLayers extends PageLayerDpi {
  /** mrc: split into layers; image: the scan as it is; bilevel: a 1-bit page. */
  encoding: 'mrc' | 'image' | 'bilevel';
}

/** Assembles one record: a PDF/A-2b with each page image at its physical size and an invisible OCR text layer. */
export async function buildRecordPdf(input: RecordInput): Promise<Uint8Array> {
  if (input.pages.length === 0) throw new RangeError('a record needs at least one page');
  const resources = input.resources ?? defaultRecordResourcePaths();
  const doc = await PDFDocument.create({ updateMetadata: false });
  const textFont = input.pages.some((p) => p.text?.lines.length)
    ? { font: new GlyphlessFont(doc, await readResource(resources.glyphlessFont)), name: textFontName }
    : undefined;
  const compression = input.compression ?? 'mrc';
  const layers: PageLayers[] = [];
  for (const page of input.pages) layers.push(await addPage(doc, page, textFont, compression));
  textFont?.font.finish();
  const producer = input.metadata.producer ?? 'sohoa';
  const scan = scanFacts(input.pages, layers);
  setInfo(doc, input.metadata, producer);
  addXmp(doc, recordXmp({ metadata: input.metadata, scan, producer, created: input.metadata.digitizedAt }));
  addOutputIntent(doc, await readResource(resources.srgbIcc));
  await doc.flush();
  tagSubsetFonts(doc);
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}

async function addPage(
  doc: PDFDocument,
  page: RecordPage,
  font: TextLayerFont | undefined,
  compression: RecordCompression,
): Promise<PageLayers> {
  const k = 72 / page.dpi;
  const widthPt = page.width * k;
  const heightPt = page.height * k;
  const pdfPage = doc.addPage([widthPt, heightPt]);
  let layers: PageLayers;
  if (compression === 'mrc' && page.colorMode !== 'bw') {
    layers = { encoding: 'mrc', ...(await drawMrcPage(doc, pdfPage, page, widthPt, heightPt)) };
  } else {
    const imageRef: PDFRef = await embedPageImage(doc, page);
    const imageName = pdfPage.node.newXObject('Scan', imageRef);
    pdfPage.pushOperators(
      pushGraphicsState(),
      concatTransformationMatrix(widthPt, 0, 0, heightPt, 0, 0),
      drawObject(imageName),
      popGraphicsState(),
    );
    layers = { encoding: page.colorMode === 'bw' ? 'bilevel' : 'image', mask: page.dpi, background: page.dpi };
  }
  if (font && page.text?.lines.length) {
    pdfPage.node.setFontDictionary(PDFName.of(font.name), font.font.ref);
    // Boxes are in the pixels of the image the OCR saw, which may differ from the record's image.
    const scale = page.text.width > 0 ? page.width / page.text.width : 1;
    pdfPage.pushOperators(...textLayerOperators(page.text, font, k * scale, heightPt));
  }
  return layers;
}

function scanFacts(pages: RecordPage[], layers: PageLayers[]): ScanFacts {
  const modes = new Set<ColorMode>(pages.map((p) => p.colorMode));
  const colorMode: ColorMode = modes.has('color') ? 'color' : modes.has('gray') ? 'gray' : 'bw';
  const lowest = (values: (number | undefined)[]) => {
    const known = values.filter((v): v is number => v !== undefined);
    return known.length ? Math.round(Math.min(...known)) : undefined;
  };
  return {
    pageCount: pages.length,
    dpi: Math.min(...pages.map((p) => p.dpi)),
    colorMode,
    imageEncoding: [...new Set(layers.map((l) => l.encoding))].join(' '),
    maskDpi: lowest(layers.map((l) => l.mask)),
    backgroundDpi: lowest(layers.map((l) => l.background)),
    foregroundDpi: lowest(layers.map((l) => l.foreground)),
  };
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
