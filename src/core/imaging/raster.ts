import sharp, { type Sharp } from 'sharp';

/** An 8-bit single-channel image held in memory, row-major. */
export interface GrayRaster {
  data: Uint8Array;
  width: number;
  height: number;
}

/** A decoded page kept as raw pixels (1 channel grey or 3 channels sRGB), so stages never re-decode. */
export interface RawImage {
  pixels: Buffer;
  width: number;
  height: number;
  channels: 1 | 3;
}

export function sharpFromRaw(image: RawImage): Sharp {
  return sharp(image.pixels, { raw: { width: image.width, height: image.height, channels: image.channels } });
}

export async function rawFromSharp(pipeline: Sharp, channels: 1 | 3): Promise<RawImage> {
  const shaped = channels === 1 ? pipeline.greyscale().toColourspace('b-w') : pipeline.toColourspace('srgb').removeAlpha();
  const { data, info } = await shaped.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== channels) throw new Error(`expected ${channels} channels, got ${info.channels}`);
  return { pixels: data, width: info.width, height: info.height, channels };
}

/** Grey copy of `image`, scaled by `scale` (≤ 1), for analysis. */
export async function grayForAnalysis(image: RawImage, scale: number): Promise<GrayRaster> {
  const factor = Math.round(1 / scale);
  if (scale < 1 && Math.abs(1 / scale - factor) < 1e-9) return boxShrink(image, factor);
  let pipeline = sharpFromRaw(image);
  if (scale < 1) {
    pipeline = pipeline.resize({
      width: Math.max(1, Math.round(image.width * scale)),
      height: Math.max(1, Math.round(image.height * scale)),
      fit: 'fill',
      kernel: 'linear',
    });
  }
  const { data, info } = await pipeline.greyscale().toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

/** Scale that brings a page scanned at `dpi` to about `targetDpi` for analysis. */
export function analysisScale(dpi: number, targetDpi: number): number {
  return Math.min(1, targetDpi / dpi);
}

/** Grey, shrunk by a whole factor with a box filter: exact and much quicker than a general resize. */
export function boxShrink(image: RawImage, factor: number): GrayRaster {
  const width = Math.floor(image.width / factor);
  const height = Math.floor(image.height / factor);
  const sums = new Float64Array(width);
  const data = new Uint8Array(width * height);
  const { pixels, channels } = image;
  const area = factor * factor;
  for (let y = 0; y < height; y++) {
    sums.fill(0);
    for (let dy = 0; dy < factor; dy++) {
      const row = (y * factor + dy) * image.width;
      if (channels === 1) {
        for (let x = 0; x < width; x++) {
          let s = 0;
          for (let dx = 0; dx < factor; dx++) s += pixels[row + x * factor + dx]!;
          sums[x]! += s;
        }
      } else {
        for (let x = 0; x < width; x++) {
          let s = 0;
          for (let dx = 0; dx < factor; dx++) {
            const i = (row + x * factor + dx) * 3;
            s += 0.2126 * pixels[i]! + 0.7152 * pixels[i + 1]! + 0.0722 * pixels[i + 2]!;
          }
          sums[x]! += s;
        }
      }
    }
    for (let x = 0; x < width; x++) data[y * width + x] = Math.round(sums[x]! / area);
  }
  return { data, width, height };
}
