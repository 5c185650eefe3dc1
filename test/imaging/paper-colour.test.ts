import { describe, expect, it } from 'vitest';
import { paperColour } from '../../src/core/imaging/page-geometry';

/** A page whose pixels are `share` parts of `light` and the rest `dark`, spread evenly. */
function page(width: number, height: number, light: number[], dark: number[], share: number) {
  const channels = light.length;
  const pixels = Buffer.alloc(width * height * channels);
  for (let i = 0; i < width * height; i++) {
    const colour = (i * 7919) % 100 < share * 100 ? light : dark;
    for (let c = 0; c < channels; c++) pixels[i * channels + c] = colour[c]!;
  }
  return { pixels, width, height, channels: channels as 1 | 3 };
}

describe('paper colour of a page (the fill of a deskew turn)', () => {
  it("is the mean of the pixels at or above the brightest tenth's level on an A4 grey page", () => {
    expect(paperColour(page(2480, 3508, [250], [200], 0.2))).toEqual({ r: 250, g: 250, b: 250 });
    // under a tenth is light: the level is the dark one, so every pixel counts: 0.95 × 30 + 0.05 × 250
    expect(paperColour(page(2480, 3508, [250], [30], 0.05))).toEqual({ r: 41, g: 41, b: 41 });
  });

  it('picks the brightest tenth by green and averages each channel of those pixels on a colour page', () => {
    expect(paperColour(page(2380, 3370, [240, 230, 220], [10, 100, 10], 0.5))).toEqual({ r: 240, g: 230, b: 220 });
  });
});
