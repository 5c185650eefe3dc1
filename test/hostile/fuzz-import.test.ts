import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBytes, type ImportItem } from '../../src/core/capture/file-source';
import { corpusFile, corpusPages } from '../capture-files/helpers';
import {
  CASES_PER_PARSER,
  finish,
  FUZZ_SEED,
  HangError,
  newOutcome,
  noteRejection,
  summary,
  withinLimit,
  type FuzzOutcome,
} from './fuzz-support';
import { mutate, prng, type Mutation } from './mutate';

// The real import path a dropped or picked file takes (importBytes: sniff, then the format's parser and decode check),
// on small seeds so each case decodes in a few milliseconds.
const MUTATIONS: Mutation[] = ['truncate', 'flip', 'splice', 'zero-run', 'huge-dimensions'];

async function smallCorpusSeeds(): Promise<{ jpeg: Buffer[]; png: Buffer[]; tiff: Buffer[]; pdf: Buffer[] }> {
  const pick = (variant: string) => corpusPages.find((p) => p.variant === variant)!;
  const page = (variant: string) => sharp(readFileSync(corpusFile(pick(variant)))).resize({ width: 160 });
  const jpeg = await page('degraded').jpeg({ quality: 70 }).toBuffer();
  const colour = await page('stamp').jpeg({ quality: 70, progressive: true }).toBuffer();
  const png = await page('clean').png().withMetadata({ density: 300 }).toBuffer();
  const tiff = await page('clean').tiff({ compression: 'lzw' }).toBuffer();
  const g4 = await page('clean').threshold(128).toColourspace('b-w').tiff({ compression: 'ccittfax4', bitdepth: 1 }).toBuffer();
  const pdf: Buffer[] = [];
  for (const [image, kind] of [
    [jpeg, 'jpg'],
    [png, 'png'],
  ] as const) {
    const doc = await PDFDocument.create();
    const embedded = kind === 'jpg' ? await doc.embedJpg(image) : await doc.embedPng(image);
    const p = doc.addPage([595, 842]);
    p.drawImage(embedded, { x: 0, y: 0, width: 595, height: 842 });
    pdf.push(Buffer.from(await doc.save({ useObjectStreams: kind === 'png' })));
  }
  const grey = await page('degraded').greyscale().png({ compressionLevel: 9 }).toBuffer();
  return { jpeg: [jpeg, colour], png: [png, grey], tiff: [tiff, g4], pdf };
}

async function importAll(name: string, bytes: Buffer): Promise<ImportItem[]> {
  const items: ImportItem[] = [];
  for await (const item of importBytes(name, bytes)) items.push(item);
  return items;
}

describe('hostile input: mutated files fed to the real import path', () => {
  let seeds: Awaited<ReturnType<typeof smallCorpusSeeds>>;
  const outcomes: FuzzOutcome[] = [];
  beforeAll(async () => {
    seeds = await smallCorpusSeeds();
  });
  afterAll(() => {
    for (const o of outcomes) console.log(summary(o));
  });

  async function importCases(name: keyof typeof seeds, seed: number): Promise<FuzzOutcome> {
    const pool = seeds[name];
    const random = prng(seed);
    const o = newOutcome(name);
    outcomes.push(o);
    for (let i = 0; i < CASES_PER_PARSER; i++) {
      const kind = MUTATIONS[i % MUTATIONS.length]!;
      const base = pool[Math.floor(random() * pool.length)]!;
      const bytes = mutate(base, pool[Math.floor(random() * pool.length)]!, random, kind);
      const what = `${name} case ${i} (${kind})`;
      o.cases++;
      let items: ImportItem[];
      try {
        items = await withinLimit(importAll(`${name}-${i}`, bytes), what);
      } catch (e) {
        o.findings.push(e instanceof HangError ? e.message : `crash: ${what}: ${(e as Error).stack?.split('\n').slice(0, 3).join(' ')}`);
        continue;
      }
      if (items.length === 0) o.findings.push(`${what}: neither a page nor an error`);
      for (const item of items) {
        if (item.kind === 'page' && Buffer.isBuffer(item.bytes) && item.bytes.length > 0) o.accepted++;
        else if (item.kind === 'error') noteRejection(o, item.error, what);
        else o.findings.push(`${what}: an empty page`);
      }
    }
    return finish(o);
  }

  // Each format's mutants are mostly spliced from its own seeds, so they get past format sniffing into that parser.
  for (const [format, label, seedOffset] of [
    ['jpeg', 'JPEG (baseline and progressive)', 10],
    ['png', 'PNG (colour and grey)', 11],
    ['tiff', 'TIFF (LZW and CCITT G4)', 12],
  ] as const) {
    it(`${label}: ${CASES_PER_PARSER} mutants, each accepted or refused with its own code, none crashes or hangs`, async () => {
      const o = await importCases(format, FUZZ_SEED + seedOffset);
      expect(o.findings, summary(o)).toEqual([]);
      expect(o.accepted).toBeGreaterThan(0);
      expect(o.rejected.get('import.corrupt-image') ?? 0).toBeGreaterThan(0);
      // 'huge-dimensions' rewrites the size in the header: the pixel cap refuses it before decoding.
      if (format !== 'tiff') expect(o.rejected.get('import.image-too-large') ?? 0).toBeGreaterThan(0);
    });
  }

  it(`scanner PDFs: ${CASES_PER_PARSER} mutants, each accepted or refused with its own code, none crashes or hangs`, async () => {
    const o = await importCases('pdf', FUZZ_SEED + 1);
    expect(o.findings, summary(o)).toEqual([]);
    expect(o.accepted).toBeGreaterThan(0);
    expect(o.rejected.get('import.corrupt-pdf') ?? 0).toBeGreaterThan(0);
    expect(o.rejected.get('import.image-too-large') ?? 0).toBeGreaterThan(0);
  });
});
