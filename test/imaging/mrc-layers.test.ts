import { describe, expect, it } from 'vitest';
import { splitMrcLayers } from '../../src/core/imaging/mrc-layers';
import type { RawImage } from '../../src/core/imaging/raster';

/**
 * A small drawn page, 300 dpi, 3x3 cells: cream paper, near-black strokes, a solid red seal.
 * Every value the split must give back is known from the drawing.
 */
const paper = [232, 226, 208] as const;
const ink = [28, 30, 34] as const;
const red = [200, 36, 40] as const;
const size = 240;
const factor = 3;

function drawnPage(): { image: RawImage; isText: (x: number, y: number) => boolean; isRed: (x: number, y: number) => boolean } {
  // A 1-pixel vertical stroke every 12 pixels in the upper half, and an all-ink block at
  // (30..59, 150..179) that covers whole cells; the seal at (150..199, 150..199).
  const isText = (x: number, y: number) => (y >= 20 && y < 100 && x % 12 === 4) || (x >= 30 && x < 60 && y >= 150 && y < 180);
  const isRed = (x: number, y: number) => x >= 150 && x < 200 && y >= 150 && y < 200;
  const pixels = Buffer.alloc(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const colour = isRed(x, y) ? red : isText(x, y) ? ink : paper;
      pixels.set(colour, (y * size + x) * 3);
    }
  }
  return { image: { pixels, width: size, height: size, channels: 3 }, isText, isRed };
}

const cell = (img: RawImage, cx: number, cy: number) => {
  const at = (cy * img.width + cx) * img.channels;
  return [...img.pixels.subarray(at, at + img.channels)];
};

describe('splitMrcLayers', () => {
  const { image, isText, isRed } = drawnPage();
  const layers = splitMrcLayers(image, 300, factor);

  it('puts exactly the dark neutral strokes in the text mask, never the seal, painted in their own colour', () => {
    let wrong = 0;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) if ((layers.text[y * size + x] === 255) !== (isText(x, y) && !isRed(x, y))) wrong++;
    }
    expect(wrong).toBe(0);
    expect(layers.textColor).toEqual([...ink]);
  });

  it('gives the coloured ink, grown by one pixel, its own mask and a foreground in its colour', () => {
    expect(layers.colorInk).toBeDefined();
    const mask = layers.colorInk!;
    expect(mask[175 * size + 175]).toBe(1);
    expect(mask[149 * size + 149]).toBe(1);
    expect(mask[200 * size + 200]).toBe(1);
    expect(mask[148 * size + 175]).toBe(0);
    expect(layers.foreground!.width).toBe(size / factor);
    expect(cell(layers.foreground!, 55, 55)).toEqual([...red]);
    // Far from the seal, the foreground takes the nearest filled cell's value, not black.
    expect(cell(layers.foreground!, 2, 2)).toEqual([...red]);
  });

  it('makes the background from the paper alone: cells under strokes and under ink are the paper colour', () => {
    const bg = layers.background;
    expect([bg.width, bg.height]).toEqual([size / factor, size / factor]);
    // A cell a stroke runs through (x 3..5 holds the stroke at x 4), one the ink block covers whole, one under the seal.
    expect(cell(bg, 1, 10)).toEqual([...paper]);
    expect(cell(bg, 15, 55)).toEqual([...paper]);
    expect(cell(bg, 55, 55)).toEqual([...paper]);
    expect(cell(bg, 70, 70)).toEqual([...paper]);
  });

  it('splits a grey page the same way, with no foreground', () => {
    const gray = Buffer.alloc(size * size);
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) gray[y * size + x] = isText(x, y) ? 40 : 220;
    const g = splitMrcLayers({ pixels: gray, width: size, height: size, channels: 1 }, 300, factor);
    expect(g.colorInk).toBeUndefined();
    expect(g.textColor).toEqual([40, 40, 40]);
    expect(g.text.filter((v) => v === 255).length).toBe(gray.filter((v) => v === 40).length);
    expect(cell(g.background, 15, 55)).toEqual([220]);
    expect(cell(g.background, 1, 10)).toEqual([220]);
  });

  it('paints a blurred stroke in its ink, not lighter: its soft edges are in the mask but not in its colour', () => {
    // Strokes of ink (40) one pixel wide with a soft edge (85) each side: the edges are darker than
    // the mask's limit but lighter than the page's Otsu threshold.
    const blurred = Buffer.alloc(size * size, 220);
    for (let y = 20; y < 200; y++) {
      for (let x = 0; x < size; x++) {
        const k = x % 12;
        if (k === 4) blurred[y * size + x] = 40;
        if (k === 3 || k === 5) blurred[y * size + x] = 85;
      }
    }
    const g = splitMrcLayers({ pixels: blurred, width: size, height: size, channels: 1 }, 300, factor);
    expect(g.text[100 * size + 3]).toBe(255);
    expect(g.text[100 * size + 5]).toBe(255);
    expect(g.textColor).toEqual([40, 40, 40]);
  });
});
