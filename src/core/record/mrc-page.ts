import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import {
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  setFillingRgbColor,
  type PDFDocument,
  type PDFName,
  type PDFOperator,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import { splitMrcLayers } from '../imaging/mrc-layers';
import type { RawImage } from '../imaging/raster';
import { encodeG4Strips } from './ccitt-g4-strips';
import type { PageImage } from './page-image-embedder';

/** The low-resolution layers are this many times smaller than the scan (300 dpi → 100 dpi). */
export const MRC_LAYER_FACTOR = 3;
const backgroundQuality = 50;
const foregroundQuality = 75;

/** Resolution of each layer of a page as drawn. */
export interface PageLayerDpi {
  mask: number;
  background: number;
  foreground?: number;
}

/**
 * Draws a colour or grey page as mixed raster content (docs/RECORD.md): the paper as a JPEG at a
 * third of the resolution, then the coloured ink (seal, signature) as a low-resolution JPEG cut
 * out by a full-resolution 1-bit mask, then the text as full-resolution CCITT G4 stencil masks
 * painted in the text's colour. Each layer spans the whole page, so the page keeps its size.
 */
export async function drawMrcPage(
  doc: PDFDocument,
  pdfPage: PDFPage,
  page: PageImage,
  widthPt: number,
  heightPt: number,
): Promise<PageLayerDpi> {
  const channels = page.colorMode === 'color' ? 3 : 1;
  const image = await decode(page.image, channels);
  const layers = splitMrcLayers(image, page.dpi, MRC_LAYER_FACTOR);
  const lowDpi = page.dpi / MRC_LAYER_FACTOR;
  const ops: PDFOperator[] = [];
  const place = (name: PDFName) =>
    ops.push(pushGraphicsState(), concatTransformationMatrix(widthPt, 0, 0, heightPt, 0, 0), drawObject(name), popGraphicsState());

  place(pdfPage.node.newXObject('Bg', await jpegImage(doc, layers.background, backgroundQuality)));
  let foregroundDpi: number | undefined;
  if (layers.colorInk && layers.foreground) {
    const mask = bilevelMask(doc, layers.colorInk, layers.width, layers.height);
    place(pdfPage.node.newXObject('Fg', await jpegImage(doc, layers.foreground, foregroundQuality, mask)));
    foregroundDpi = lowDpi;
  }
  const [r, g, b] = layers.textColor;
  ops.push(pushGraphicsState(), setFillingRgbColor(r / 255, g / 255, b / 255));
  const rowPt = heightPt / layers.height;
  for (const [k, strip] of (await encodeG4Strips(layers.text, layers.width, layers.height)).entries()) {
    const ref = doc.context.register(
      doc.context.stream(strip.data, {
        Type: 'XObject',
        Subtype: 'Image',
        Width: layers.width,
        Height: strip.rows,
        ImageMask: true,
        BitsPerComponent: 1,
        Filter: 'CCITTFaxDecode',
        DecodeParms: { K: -1, Columns: layers.width, Rows: strip.rows },
      }),
    );
    const name = pdfPage.node.newXObject(`Tx${k}`, ref);
    const y = heightPt - (strip.top + strip.rows) * rowPt;
    ops.push(
      pushGraphicsState(),
      concatTransformationMatrix(widthPt, 0, 0, strip.rows * rowPt, 0, y),
      drawObject(name),
      popGraphicsState(),
    );
  }
  ops.push(popGraphicsState());
  pdfPage.pushOperators(...ops);
  return { mask: page.dpi, background: lowDpi, foreground: foregroundDpi };
}

async function decode(bytes: Buffer, channels: 1 | 3): Promise<RawImage> {
  let pipeline = sharp(bytes).flatten({ background: '#ffffff' });
  pipeline = channels === 1 ? pipeline.greyscale().toColourspace('b-w') : pipeline.toColourspace('srgb');
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== channels) throw new Error(`expected ${channels} channels, got ${info.channels}`);
  return { pixels: data, width: info.width, height: info.height, channels };
}

async function jpegImage(doc: PDFDocument, image: RawImage, quality: number, mask?: PDFRef): Promise<PDFRef> {
  const pipeline = sharp(image.pixels, { raw: { width: image.width, height: image.height, channels: image.channels } });
  // The foreground's strokes are a pixel or two wide: halving its chroma would wash out a seal's red.
  const jpeg = await (image.channels === 1 ? pipeline.toColourspace('b-w') : pipeline)
    .jpeg({ quality, chromaSubsampling: mask ? '4:4:4' : '4:2:0' })
    .toBuffer();
  return doc.context.register(
    doc.context.stream(jpeg, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: image.width,
      Height: image.height,
      ColorSpace: image.channels === 1 ? 'DeviceGray' : 'DeviceRGB',
      BitsPerComponent: 8,
      Filter: 'DCTDecode',
      ...(mask ? { Mask: mask } : {}),
    }),
  );
}

/** A full-resolution stencil mask (Flate, 1 bit) that lets the image show where `ink` is 1. */
function bilevelMask(doc: PDFDocument, ink: Uint8Array, width: number, height: number): PDFRef {
  const rowBytes = Math.ceil(width / 8);
  // A mask sample of 0 paints (Decode [0 1]): every bit set, then the ink's (a few percent of the page) cleared.
  const packed = new Uint8Array(rowBytes * height).fill(0xff);
  for (let y = 0; y < height; y++) {
    const row = ink.subarray(y * width, (y + 1) * width);
    for (let x = row.indexOf(1); x >= 0; x = row.indexOf(1, x + 1)) {
      packed[y * rowBytes + (x >> 3)]! &= ~(0x80 >> (x & 7));
    }
  }
  return doc.context.register(
    doc.context.stream(deflateSync(packed, { level: 6 }), {
      Type: 'XObject',
      Subtype: 'Image',
      Width: width,
      Height: height,
      ImageMask: true,
      BitsPerComponent: 1,
      Filter: 'FlateDecode',
    }),
  );
}
