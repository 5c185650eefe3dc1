import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { constants, gunzipSync, inflateSync } from 'node:zlib';

/** Every regular file under a folder, with its bytes. */
export function rawFiles(dir: string): { path: string; bytes: Buffer }[] {
  const out: { path: string; bytes: Buffer }[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push({ path: relative(dir, p), bytes: readFileSync(p) });
    }
  };
  walk(dir);
  return out;
}

/** The same text as bytes in the encodings a file may hold it in. */
export function encodings(text: string): Buffer[] {
  const forms = new Set([text, text.normalize('NFC'), text.normalize('NFD')]);
  return [...forms].flatMap((t) => [Buffer.from(t, 'utf8'), Buffer.from(t, 'utf16le'), Buffer.from(t, 'utf16le').swap16()]);
}

/** Everything that inflates from the zlib, gzip or raw deflate streams starting in the bytes (partial output counts). */
export function inflatedStreams(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  const flush = { finishFlush: constants.Z_SYNC_FLUSH };
  for (let i = 0; i + 2 < bytes.length; i++) {
    const a = bytes[i]!;
    const b = bytes[i + 1]!;
    let inflated: Buffer | undefined;
    try {
      if (a === 0x78 && (a * 256 + b) % 31 === 0) inflated = inflateSync(bytes.subarray(i), flush);
      else if (a === 0x1f && b === 0x8b) inflated = gunzipSync(bytes.subarray(i), flush);
    } catch {
      inflated = undefined;
    }
    if (inflated && inflated.length > 0) out.push(inflated);
  }
  return out;
}

/** Which of the needles a file holds, as it is or inside a compressed stream. */
export function needlesIn(bytes: Buffer, needles: Buffer[]): Buffer[] {
  const haystacks = [bytes, ...inflatedStreams(bytes)];
  return needles.filter((n) => haystacks.some((h) => h.includes(n)));
}
