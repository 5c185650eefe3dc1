import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cleanPage } from '../../src/core/imaging/clean-page';
import { normalizeStage } from '../../src/core/imaging/normalize-stage';
import { hashDistance, isNearDuplicate, perceptualHash } from '../../src/core/imaging/phash';
import { byVariant, corpusBytes, corpusPages } from './corpus';

const clean = byVariant('clean')[0]!;
const degraded = byVariant('degraded')[0]!;

describe('quality flags', () => {
  it('flags a page scanned under 200 dpi', async () => {
    const bytes = await sharp(corpusBytes(clean))
      .resize({ width: Math.round(clean.width_px / 2) })
      .withMetadata({ density: 150 })
      .png()
      .toBuffer();
    const r = await cleanPage(bytes);
    expect(r.dpi).toBe(150);
    expect(r.flags).toContain('low-dpi');
  });

  it('flags blurred pages', async () => {
    for (const page of [clean, degraded]) {
      const bytes = await sharp(corpusBytes(page))
        .blur((3 * page.dpi) / 300)
        .withMetadata({ density: page.dpi })
        .jpeg({ quality: 90 })
        .toBuffer();
      expect((await cleanPage(bytes)).flags).toContain('blurred');
    }
  });

  it('flags a page scanned too dark and one scanned too light', async () => {
    const dark = await sharp(corpusBytes(clean)).linear(0.4, 0).png().toBuffer();
    expect((await cleanPage(dark)).flags).toContain('too-dark');
    const light = await sharp(corpusBytes(clean)).linear(0.25, 190).png().toBuffer();
    const r = await cleanPage(light);
    expect(r.flags).toContain('too-light');
    expect(r.blank).toBe(false);
  });

  it('flags content cut off at an edge', async () => {
    const cut = await sharp(corpusBytes(clean))
      .extract({ left: 0, top: 0, width: Math.round(clean.width_px * 0.55), height: clean.height_px })
      .png()
      .toBuffer();
    expect((await cleanPage(cut)).flags).toContain('cut-off');
  });

  it('flags a page scanned twice as a near-duplicate, and no two different corpus pages', async () => {
    const upright = corpusPages.filter((p) => p.rotation === 0 && !p.expected_blank);
    const hashes = await Promise.all(upright.map(async (p) => perceptualHash((await normalizeStage({ bytes: corpusBytes(p) })).image)));
    for (let i = 0; i < hashes.length; i++) {
      for (let j = i + 1; j < hashes.length; j++)
        expect(isNearDuplicate(hashes[i]!, hashes[j]!), `${upright[i]!.id} vs ${upright[j]!.id}`).toBe(false);
    }
    // The same sheet again: scanned a little smaller, shifted, lighter, saved as a rough JPEG.
    const w = Math.round(clean.width_px * 0.8);
    const h = Math.round(clean.height_px * 0.8);
    const rescan = await sharp(corpusBytes(clean))
      .resize({ width: w })
      .extract({ left: 12, top: 16, width: w - 24, height: h - 32 })
      .linear(0.9, 20)
      .withMetadata({ density: 240 })
      .jpeg({ quality: 40 })
      .toBuffer();
    const others = hashes.filter((_, i) => upright[i]!.id !== clean.id);
    const first = await cleanPage(corpusBytes(clean), { otherHashes: others });
    expect(first.flags).not.toContain('near-duplicate');
    const second = await cleanPage(rescan, { otherHashes: [...others, first.phash] });
    expect(second.flags).toContain('near-duplicate');
    expect(hashDistance(first.phash, second.phash)).toBe(second.quality.nearestDuplicateDistance);
  });
});
