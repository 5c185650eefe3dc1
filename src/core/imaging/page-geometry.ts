import { sharpFromRaw, rawFromSharp, type RawImage } from './raster';

/** Paper colour of a page: the mean of its brightest tenth, per channel. */
export function paperColour(image: RawImage): { r: number; g: number; b: number } {
  const { pixels, channels } = image;
  const count = image.width * image.height;
  const step = Math.max(1, Math.floor(count / 200_000));
  const level = (i: number) => (channels === 1 ? pixels[i]! : pixels[i * 3 + 1]!);
  // The tenth-from-top sample level, from a histogram (a sort of the samples cost ~0.1 s a page).
  const hist = new Uint32Array(256);
  let samples = 0;
  for (let i = 0; i < count; i += step, samples++) hist[level(i)]!++;
  const rank = Math.floor(samples * 0.9);
  let cut = 0;
  for (let seen = hist[0]!; seen <= rank && cut < 255; seen += hist[++cut]!);
  const sum = [0, 0, 0];
  let n = 0;
  for (let i = 0; i < count; i += step) {
    if (level(i) < cut) continue;
    for (let c = 0; c < 3; c++) sum[c]! += pixels[i * channels + (channels === 1 ? 0 : c)]!;
    n++;
  }
  const [r, g, b] = sum.map((s) => Math.round(s / Math.max(1, n)));
  return { r: r!, g: g!, b: b! };
}

/**
 * Turns the page clockwise by `degrees` around its centre in one resample, filling with the
 * paper colour. A small turn keeps the page's size (the corners that fall outside are
 * margin); a quarter turn swaps width and height.
 */
export async function turnPage(image: RawImage, degrees: number): Promise<RawImage> {
  const quarter = (((Math.round(degrees / 90) * 90) % 360) + 360) % 360;
  const fine = degrees - Math.round(degrees / 90) * 90;
  if (quarter === 0 && Math.abs(fine) < 1e-6) return image;
  const swap = quarter === 90 || quarter === 270;
  const width = swap ? image.height : image.width;
  const height = swap ? image.width : image.height;
  const turned = await rawFromSharp(sharpFromRaw(image).rotate(degrees, { background: paperColour(image) }), image.channels);
  if (turned.width === width && turned.height === height) return turned;
  const left = Math.max(0, Math.floor((turned.width - width) / 2));
  const top = Math.max(0, Math.floor((turned.height - height) / 2));
  return rawFromSharp(
    sharpFromRaw(turned).extract({ left, top, width: Math.min(width, turned.width), height: Math.min(height, turned.height) }),
    image.channels,
  );
}
