import { sharpFromRaw, type RawImage } from './raster';

/** Perceptual hash: 256 bits (hex) from the low frequencies of the page's DCT, stable under re-encoding, noise and small shifts. */
export async function perceptualHash(image: RawImage): Promise<string> {
  const size = 64;
  const keep = 16;
  const { data } = await sharpFromRaw(image)
    .greyscale()
    .resize(size, size, { fit: 'fill', kernel: 'linear' })
    .blur(1)
    .raw()
    .toBuffer({ resolveWithObject: true });
  const coeffs = lowFrequencyDct(data, size, keep);
  const sorted = [...coeffs.slice(1)].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  let hex = '';
  for (let i = 0; i < coeffs.length; i += 4) {
    let nibble = 0;
    for (let b = 0; b < 4; b++) nibble = (nibble << 1) | (coeffs[i + b]! > median ? 1 : 0);
    hex += nibble.toString(16);
  }
  return hex;
}

function lowFrequencyDct(data: Uint8Array, size: number, keep: number): Float64Array {
  const cos = new Float64Array(keep * size);
  for (let u = 0; u < keep; u++) for (let x = 0; x < size; x++) cos[u * size + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * size));
  const rows = new Float64Array(size * keep);
  for (let y = 0; y < size; y++) {
    for (let u = 0; u < keep; u++) {
      let s = 0;
      for (let x = 0; x < size; x++) s += data[y * size + x]! * cos[u * size + x]!;
      rows[y * keep + u] = s;
    }
  }
  const out = new Float64Array(keep * keep);
  for (let v = 0; v < keep; v++) {
    for (let u = 0; u < keep; u++) {
      let s = 0;
      for (let y = 0; y < size; y++) s += rows[y * keep + u]! * cos[v * size + y]!;
      out[v * keep + u] = s;
    }
  }
  return out;
}

/** Number of differing bits between two hashes of the same length. */
export function hashDistance(a: string, b: string): number {
  if (a.length !== b.length) throw new RangeError('hashes differ in length');
  let d = 0;
  for (let i = 0; i < a.length; i++) {
    let x = parseInt(a[i]!, 16) ^ parseInt(b[i]!, 16);
    while (x) {
      d += x & 1;
      x >>= 1;
    }
  }
  return d;
}

/** Pages whose hashes differ in fewer bits than this are the same page scanned or saved twice. */
export const nearDuplicateMaxDistance = 40;

export function isNearDuplicate(a: string, b: string, maxDistance = nearDuplicateMaxDistance): boolean {
  return hashDistance(a, b) <= maxDistance;
}
