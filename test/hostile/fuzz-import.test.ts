import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRegister } from '../../src/core/archive/register-import';
import { importFile } from '../../src/core/capture/file-source';
import { BAG } from '../../src/core/sync/bag-layout';
import { validateBag } from '../../src/core/sync/bag-validator';
import { CodedError } from '../../src/shared/errors';
import { toWindows1258 } from '../archive/legacy-encodings';
import { corpusFile, corpusPages } from '../capture-files/helpers';
import { tempDir } from '../support/temp-dir';
import { mutate, prng, type Mutation } from './mutate';

// Sized so the whole file runs in well under 90 s on a loaded 2-core machine; the seed makes any failure replayable.
const SEED = Number(process.env.SOHOA_FUZZ_SEED ?? 20261123);
/** SOHOA_FUZZ_SCALE multiplies every count for the longer run (`npm run bench -- fuzz`). */
const SCALE = Number(process.env.SOHOA_FUZZ_SCALE ?? 1);
// Per parser: `npm run bench -- fuzz` (SCALE 5) gives each at least 2,000 cases.
const CASES = { jpeg: 400 * SCALE, png: 400 * SCALE, tiff: 400 * SCALE, pdf: 400 * SCALE, register: 2000 * SCALE, bag: 400 * SCALE };
/** A case slower than this is a hang, not a slow machine: each input is a few kilobytes. */
const HANG_MS = 30_000;
const MUTATIONS: Mutation[] = ['truncate', 'flip', 'splice', 'zero-run', 'huge-dimensions'];
const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

interface Outcome {
  name: string;
  accepted: number;
  rejected: Map<string, number>;
  other: string[];
}

const newOutcome = (name: string): Outcome => ({ name, accepted: 0, rejected: new Map(), other: [] });
const reject = (o: Outcome, code: string) => o.rejected.set(code, (o.rejected.get(code) ?? 0) + 1);

async function withinLimit<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>(
    (_, fail) => (timer = setTimeout(() => fail(new Error(`hang: ${what} took over ${HANG_MS} ms`)), HANG_MS)),
  );
  try {
    return await Promise.race([work, hang]);
  } finally {
    clearTimeout(timer);
  }
}

async function smallCorpusSeeds(): Promise<{ jpeg: Buffer[]; png: Buffer[]; tiff: Buffer[]; pdfs: Buffer[] }> {
  const pick = (variant: string) => corpusPages.find((p) => p.variant === variant)!;
  const page = (variant: string) => sharp(readFileSync(corpusFile(pick(variant)))).resize({ width: 240 });
  const jpeg = await page('degraded').jpeg({ quality: 70 }).toBuffer();
  const colour = await page('stamp').jpeg({ quality: 70, progressive: true }).toBuffer();
  const png = await page('clean').png().withMetadata({ density: 300 }).toBuffer();
  const tiff = await page('clean').tiff({ compression: 'lzw' }).toBuffer();
  const g4 = await page('clean').threshold(128).toColourspace('b-w').tiff({ compression: 'ccittfax4', bitdepth: 1 }).toBuffer();
  const pdfs: Buffer[] = [];
  for (const [image, kind] of [
    [jpeg, 'jpg'],
    [png, 'png'],
  ] as const) {
    const doc = await PDFDocument.create();
    const embedded = kind === 'jpg' ? await doc.embedJpg(image) : await doc.embedPng(image);
    const p = doc.addPage([595, 842]);
    p.drawImage(embedded, { x: 0, y: 0, width: 595, height: 842 });
    pdfs.push(Buffer.from(await doc.save({ useObjectStreams: kind === 'png' })));
  }
  const grey = await page('degraded').greyscale().png({ compressionLevel: 9 }).toBuffer();
  return { jpeg: [jpeg, colour], png: [png, grey], tiff: [tiff, g4], pdfs };
}

const REGISTER_LINES = [
  'STT,Hộp số,Hồ sơ số,Tiêu đề hồ sơ,Năm,Lĩnh vực,Số trang,Thời hạn bảo quản',
  '1,01,001,Hồ sơ đăng ký khai sinh,2020,Hộ tịch,12,Vĩnh viễn',
  '2,01,002,"Hồ sơ cấp giấy chứng nhận, đất ở",2021,Đất đai,30,20 năm',
  '3,02,7,Hồ sơ kết hôn,15/03/2021,Hộ tịch,5 trang,20 năm',
];

function bagSeed(dir: string): Map<string, Buffer> {
  const payload = Buffer.from('%PDF-1.7\n% hồ sơ số hóa\n1 0 obj << >> endobj\n%%EOF\n');
  const files = new Map<string, Buffer>();
  files.set(BAG.declaration, Buffer.from('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'));
  files.set('data/HS-001_1_v1.pdf', payload);
  files.set(BAG.info, Buffer.from(`Source-Organization: UBND xã Thử\nPayload-Oxum: ${payload.length}.1\nExternal-Identifier: HS-001\n`));
  files.set(BAG.manifest, Buffer.from(`${sha(payload)}  data/HS-001_1_v1.pdf\n`));
  const tags = [BAG.declaration, BAG.info, BAG.manifest].map((n) => `${sha(files.get(n)!)}  ${n}`).join('\n');
  files.set(BAG.tagManifest, Buffer.from(`${tags}\n`));
  writeBag(dir, files);
  return files;
}

function writeBag(dir: string, files: Map<string, Buffer>): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [name, bytes] of files) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
}

describe('hostile input: mutated files fed to the real import paths', () => {
  const dir = tempDir();
  let seeds: Awaited<ReturnType<typeof smallCorpusSeeds>>;
  const outcomes: Outcome[] = [];
  afterAll(() => {
    for (const o of outcomes)
      console.log(`fuzz ${o.name}: ${o.accepted} accepted, rejected ${JSON.stringify(Object.fromEntries(o.rejected))}`);
    console.log(`fuzz: ${Object.values(CASES).reduce((a, b) => a + b, 0)} cases, seed ${SEED}`);
    dir.remove();
  });
  beforeAll(async () => {
    seeds = await smallCorpusSeeds();
  });

  async function importCases(name: string, pool: Buffer[], count: number, seed: number): Promise<Outcome> {
    const random = prng(seed);
    const outcome = newOutcome(name);
    for (let i = 0; i < count; i++) {
      const kind = MUTATIONS[i % MUTATIONS.length]!;
      const base = pool[Math.floor(random() * pool.length)]!;
      const bytes = mutate(base, pool[Math.floor(random() * pool.length)]!, random, kind);
      const path = join(dir.path, `${name}-${i}`);
      writeFileSync(path, bytes);
      const items = await withinLimit(
        (async () => {
          const out = [];
          for await (const item of importFile(path)) out.push(item);
          return out;
        })(),
        `${name} case ${i} (${kind})`,
      );
      for (const item of items) {
        if (item.kind === 'page' && Buffer.isBuffer(item.bytes) && item.bytes.length > 0) outcome.accepted++;
        else if (item.kind === 'error' && item.error instanceof CodedError) reject(outcome, item.error.code);
        else outcome.other.push(`case ${i} (${kind}): ${JSON.stringify(item).slice(0, 200)}`);
      }
      if (items.length === 0) outcome.other.push(`case ${i} (${kind}): neither a page nor an error`);
      rmSync(path);
    }
    outcomes.push(outcome);
    return outcome;
  }

  // Each format's mutants are mostly spliced from its own seeds, so they get past format sniffing into that parser.
  for (const [format, label, seedOffset] of [
    ['jpeg', 'JPEG (baseline and progressive)', 10],
    ['png', 'PNG (colour and grey)', 11],
    ['tiff', 'TIFF (LZW and CCITT G4)', 12],
  ] as const) {
    it(`${label}: each accepted or rejected with a coded error, none hangs`, async () => {
      const o = await importCases(format, seeds[format], CASES[format], SEED + seedOffset);
      expect(o.other).toEqual([]);
      expect(o.accepted).toBeGreaterThan(0);
      expect(o.rejected.get('import.corrupt-image') ?? 0).toBeGreaterThan(0);
      // 'huge-dimensions' rewrites the size in the header: the pixel cap refuses it before decoding.
      if (format !== 'tiff') expect(o.rejected.get('import.image-too-large') ?? 0).toBeGreaterThan(0);
    });
  }

  it('scanner PDFs: each accepted or rejected with a coded error, none hangs', async () => {
    const o = await importCases('pdf', seeds.pdfs, CASES.pdf, SEED + 1);
    expect(o.other).toEqual([]);
    expect(o.accepted).toBeGreaterThan(0);
    expect([...o.rejected.keys()].length).toBeGreaterThan(1);
  });

  it('CSV registers (UTF-8 and Windows-1258): each read or refused with a coded error', () => {
    const random = prng(SEED + 2);
    const pool = [Buffer.from(REGISTER_LINES.join('\r\n')), toWindows1258(REGISTER_LINES.join('\n'))];
    const o = newOutcome('register');
    for (let i = 0; i < CASES.register; i++) {
      const kind = MUTATIONS[i % 4]!;
      const bytes = mutate(pool[i % 2]!, pool[(i + 1) % 2]!, random, kind);
      try {
        const r = parseRegister(bytes, 'register.csv');
        for (const p of r.problems) if (!/^register\.[a-z-]+$/.test(p.code)) o.other.push(`case ${i}: problem code ${p.code}`);
        o.accepted++;
      } catch (e) {
        if (e instanceof CodedError) reject(o, e.code);
        else o.other.push(`case ${i} (${kind}): ${(e as Error).stack?.split('\n').slice(0, 3).join(' ')}`);
      }
    }
    outcomes.push(o);
    expect(o.other).toEqual([]);
    expect(o.accepted).toBeGreaterThan(0);
  });

  it('bags: every damaged manifest, tag file or payload is found, and nothing throws', async () => {
    const random = prng(SEED + 3);
    const bagDir = join(dir.path, 'bag');
    const original = bagSeed(bagDir);
    expect((await validateBag(bagDir)).valid).toBe(true);
    const names = [...original.keys()];
    const o = newOutcome('bag');
    for (let i = 0; i < CASES.bag; i++) {
      const name = names[i % names.length]!;
      const kind = MUTATIONS[i % 4]!;
      const bytes = mutate(original.get(name)!, original.get(names[(i + 1) % names.length]!)!, random, kind);
      const files = new Map(original);
      files.set(name, bytes);
      writeBag(bagDir, files);
      try {
        const report = await withinLimit(validateBag(bagDir), `bag case ${i}`);
        const changed = !bytes.equals(original.get(name)!);
        // The tag manifest is the one file nothing else covers: some edits of it (a hex digit's case, a blank line) change nothing that matters.
        if (changed && name !== BAG.tagManifest && report.valid) o.other.push(`case ${i}: ${name} ${kind} went unnoticed`);
        if (report.valid) o.accepted++;
        else for (const p of report.problems) reject(o, p.code);
      } catch (e) {
        o.other.push(`case ${i} (${name}, ${kind}): ${(e as Error).message}`);
      }
    }
    outcomes.push(o);
    expect(o.other).toEqual([]);
    expect(o.rejected.get('bag.hash-mismatch') ?? 0).toBeGreaterThan(0);
  });
});
