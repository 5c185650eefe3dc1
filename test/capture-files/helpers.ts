import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { importPageImages, type ImportItem } from '../../src/core/capture/file-source';

export const corpusDir = join(import.meta.dirname, '..', 'fixtures', 'vi-admin');

export interface CorpusPage {
  id: string;
  file: string;
  variant: string;
  dpi: number;
  width_px: number;
  height_px: number;
}

export const corpusPages: CorpusPage[] = JSON.parse(readFileSync(join(corpusDir, 'manifest.json'), 'utf8')).pages;

export function corpusFile(page: CorpusPage): string {
  return join(corpusDir, page.file);
}

export async function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'sohoa-capture-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function collect(path: string, options?: { limitInputPixels?: number }): Promise<ImportItem[]> {
  const items: ImportItem[] = [];
  for await (const item of importPageImages(path, options)) items.push(item);
  return items;
}

/** Decoded pixels as one grey channel. */
export async function grayPixels(bytes: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(bytes).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** A small two-level test page: black bars and blocks on white. */
export function bilevelPattern(width: number, height: number, seed: number): Buffer {
  const raw = Buffer.alloc(width * height, 255);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const bar = Math.floor(y / 12) % 3 === seed % 3 && x > 20 && x < width - 20 && (x * 7 + y * (seed + 3)) % 29 > 8;
      if (bar) raw[y * width + x] = 0;
    }
  }
  return raw;
}

/** The data of a TIFF's single strip (a one-strip file, e.g. a small G4 page). */
export function singleStrip(tiff: Buffer): Buffer {
  const le = tiff[0] === 0x49;
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd = u32(4);
  let offset = -1;
  let count = -1;
  let strips = 0;
  for (let i = 0; i < u16(ifd); i++) {
    const e = ifd + 2 + i * 12;
    const tag = u16(e);
    const value = u16(e + 2) === 3 ? u16(e + 8) : u32(e + 8);
    if (tag === 273) {
      offset = value;
      strips = u32(e + 4);
    }
    if (tag === 279) count = value;
  }
  if (strips !== 1) throw new Error(`expected one strip, found ${strips}`);
  return tiff.subarray(offset, offset + count);
}
