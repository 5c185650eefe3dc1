import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { parseSeparatorPayload, type SeparatorIdentity } from './separator-payload';

/** Scans are looked at this wide at most: a 7 cm QR code is still ~300 px across. */
const MAX_WIDTH = 1400;

let prepared = false;

/** The reader's .wasm from node_modules on disk: nothing is fetched at run time. */
function prepare(): void {
  if (prepared) return;
  const require = createRequire(import.meta.url);
  const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
  prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer } });
  prepared = true;
}

/** The separator sheet a scanned page is, or null for an ordinary page (or one that cannot be decoded). */
export async function readSeparator(image: Buffer): Promise<SeparatorIdentity | null> {
  prepare();
  let raw: { data: Buffer; info: { width: number; height: number } };
  try {
    raw = await sharp(image)
      .rotate()
      .resize({ width: MAX_WIDTH, withoutEnlargement: true })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch {
    return null;
  }
  const imageData = {
    data: new Uint8ClampedArray(raw.data.buffer, raw.data.byteOffset, raw.data.byteLength),
    width: raw.info.width,
    height: raw.info.height,
    colorSpace: 'srgb' as const,
  };
  const results = await readBarcodes(imageData as ImageData, { formats: ['QRCode'], tryHarder: true, maxNumberOfSymbols: 2 });
  for (const r of results) {
    const id = r.isValid ? parseSeparatorPayload(r.text) : null;
    if (id) return id;
  }
  return null;
}
