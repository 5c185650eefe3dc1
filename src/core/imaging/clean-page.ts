import { binarizeStage } from './binarize-stage';
import { blankStage } from './blank-stage';
import { cropBordersStage } from './crop-stage';
import { deskewStage } from './deskew-stage';
import { despeckleStage } from './despeckle-stage';
import { normalizeStage } from './normalize-stage';
import { ocrImageStage } from './ocr-image-stage';
import { orientationStage, type OrientationScorer } from './orientation-stage';
import { analyzePage, croppedAnalysis, turnedAnalysis } from './page-analysis';
import type { Box, ColorMode, QuarterTurn } from './page-types';
import { perceptualHash } from './phash';
import { previewStage, thumbnailStage, type PreviewImage } from './preview-stage';
import { qualityStage, type QualityFlag, type QualityResult } from './quality-stage';
import { sharpFromRaw, type RawImage } from './raster';

export interface CleanPageOptions {
  /** Page of a multi-page file (TIFF). */
  page?: number;
  limitInputPixels?: number;
  despeckle?: boolean;
  /** Asked to break a tie between up and down when the layout cues are unsure. */
  orientationScorer?: OrientationScorer;
  /** Perceptual hashes of the other pages, to flag this one as a near-duplicate. */
  otherHashes?: readonly string[];
  /** JPEG quality of the record image (colour and grey pages). */
  jpegQuality?: number;
  /** Also make the 200 px thumbnail and the screen preview (PAGE_PREVIEW_WIDTH). */
  previews?: boolean;
}

export type CleanStageName =
  | 'normalize'
  | 'analyze'
  | 'orientation'
  | 'deskew'
  | 'crop'
  | 'despeckle'
  | 'blank'
  | 'quality'
  | 'binarize'
  | 'encode'
  | 'ocr-image'
  | 'phash'
  | 'previews';

export interface CleanedPage {
  /** The cleaned page for the record: JPEG (colour/grey) or 1-bit PNG (bw), at its true dpi. */
  image: Buffer;
  imageFormat: 'jpeg' | 'png';
  /** What OCR reads (see ocr-image-stage.ts): the record image, or on colour pages a grey copy without the coloured ink. */
  ocrImage: Buffer;
  width: number;
  height: number;
  dpi: number;
  dpiAssumed: boolean;
  colorMode: ColorMode;
  /** Clockwise quarter turn applied to make the page upright. */
  rotationApplied: QuarterTurn;
  /** Clockwise degrees turned to level the text lines. */
  skewCorrected: number;
  /** Region kept inside a dark scanner border, in the turned page's pixels; null when none. */
  cropBox: Box | null;
  blank: boolean;
  flags: QualityFlag[];
  quality: QualityResult['measures'];
  phash: string;
  /** Milliseconds per stage. */
  timings: Partial<Record<CleanStageName, number>>;
  thumbnail?: PreviewImage;
  preview?: PreviewImage;
}

/** The clean-up chain: normalize → orientation → deskew → crop → (despeckle) → blank / quality → binarize → encode. */
export async function cleanPage(bytes: Buffer, options: CleanPageOptions = {}): Promise<CleanedPage> {
  const timings: CleanedPage['timings'] = {};
  const timed = async <T>(name: CleanStageName, work: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    const result = await work();
    timings[name] = Math.round(((timings[name] ?? 0) + performance.now() - start) * 10) / 10;
    return result;
  };

  const page = await timed('normalize', () => normalizeStage({ bytes, page: options.page, limitInputPixels: options.limitInputPixels }));
  const { dpi } = page;
  let analysis = await timed('analyze', () => analyzePage(page.image, dpi));
  const firstAnalysis = analysis;
  const firstLook = blankStage({ analysis });
  const orientation = firstLook.blank
    ? { rotation: 0 as QuarterTurn }
    : await timed('orientation', () => orientationStage({ analysis, scorer: options.orientationScorer }));
  const skewDeg = 'skewDeg' in orientation ? orientation.skewDeg : undefined;
  let image: RawImage = page.image;
  let rotationApplied: QuarterTurn = 0;
  let skewCorrected = 0;
  if (!firstLook.blank) {
    const deskewed = await timed('deskew', () => deskewStage({ image, analysis, rotation: orientation.rotation, skewDeg }));
    image = deskewed.image;
    rotationApplied = deskewed.rotationApplied;
    skewCorrected = deskewed.skewCorrected;
    const turn = rotationApplied + skewCorrected;
    if (image !== page.image) analysis = await timed('analyze', () => turnedAnalysis(analysis, turn));
  }
  const cropped = await timed('crop', () => cropBordersStage({ image, dpi, analysis }));
  if (cropped.box && cropped.analysisBox) {
    image = cropped.image;
    const box = cropped.analysisBox;
    analysis = await timed('analyze', () => croppedAnalysis(analysis, box));
  }
  if (options.despeckle) image = await timed('despeckle', () => despeckleStage(image));
  // A page neither turned nor cropped has the analysis the first look already counted marks in.
  const blank = analysis === firstAnalysis ? firstLook.blank : await timed('blank', () => blankStage({ analysis }).blank);
  const bilevel = page.colorMode === 'bw' ? await timed('binarize', () => binarizeStage({ image, dpi }).png) : null;
  const encoded = await timed('encode', () => encodeRecordImage(image, dpi, page.colorMode, bilevel, options.jpegQuality ?? 85));
  const ocrImage = await timed('ocr-image', () => ocrImageStage({ image, dpi, colorMode: page.colorMode, recordImage: encoded.bytes }));
  const small = analysis.gray;
  const phash = await timed('phash', () =>
    perceptualHash({
      pixels: Buffer.from(small.data.buffer, small.data.byteOffset, small.data.length),
      width: small.width,
      height: small.height,
      channels: 1,
    }),
  );
  const quality = await timed('quality', () => qualityStage({ analysis, dpi, blank, phash, otherHashes: options.otherHashes }));
  const result: CleanedPage = {
    image: encoded.bytes,
    imageFormat: encoded.format,
    ocrImage,
    width: image.width,
    height: image.height,
    dpi,
    dpiAssumed: page.dpiAssumed,
    colorMode: page.colorMode,
    rotationApplied,
    skewCorrected,
    cropBox: cropped.box,
    blank,
    flags: quality.flags,
    quality: quality.measures,
    phash,
    timings,
  };
  if (options.previews) {
    await timed('previews', async () => {
      result.thumbnail = await thumbnailStage(image);
      result.preview = await previewStage(image);
    });
  }
  return result;
}

async function encodeRecordImage(
  image: RawImage,
  dpi: number,
  colorMode: ColorMode,
  bilevelPng: Buffer | null,
  quality: number,
): Promise<{ bytes: Buffer; format: 'jpeg' | 'png' }> {
  if (colorMode === 'bw' && bilevelPng) return { bytes: bilevelPng, format: 'png' };
  const pipeline = sharpFromRaw(image).withDensity(dpi);
  const bytes = await (image.channels === 1 ? pipeline.toColourspace('b-w') : pipeline).jpeg({ quality }).toBuffer();
  return { bytes, format: 'jpeg' };
}
