import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { engineImage } from '../../src/core/ocr/engine-image';
import { pageParameters } from '../../src/core/ocr/page-parameters';

const greyJpegAt = (dpi: number) =>
  sharp(Buffer.alloc(60 * 40, 230), { raw: { width: 60, height: 40, channels: 1 } })
    .withDensity(dpi)
    .toColourspace('b-w')
    .jpeg()
    .toBuffer();

describe('tesseract parameters set per page', () => {
  it('turns noise removal on for a 200 dpi scan and keeps it off at 300 dpi and when the file gives no dpi', () => {
    expect(pageParameters({ dpi: 200 })).toEqual({ enable_noise_removal: '1' });
    expect(pageParameters({ dpi: 300 })).toEqual({ enable_noise_removal: '0' });
    expect(pageParameters({ dpi: null })).toEqual({ enable_noise_removal: '0' });
  });

  it('reads the resolution the clean-up wrote into the OCR image', async () => {
    expect((await engineImage(await greyJpegAt(200))).dpi).toBe(200);
    expect((await engineImage(await greyJpegAt(300))).dpi).toBe(300);
  });
});
