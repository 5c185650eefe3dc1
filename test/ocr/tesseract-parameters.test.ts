import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { TesseractDriver } from '../../src/core/ocr/tesseract-driver';
import { foldVietnamese } from '../../src/shared/fold';
import { tempDir } from '../support/temp-dir';

const WIDTH = 1800;
const HEIGHT = 520;

/** One line of Liberation Serif at 300 dpi as an ink mask (255 = ink). */
async function inkOf(text: string): Promise<{ ink: Buffer; width: number; height: number }> {
  const { data, info } = await sharp({ text: { text, font: 'Liberation Serif 14', dpi: 300 } })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { ink: data, width: info.width, height: info.height };
}

/** A heading in dark print, then a line of white letters on a black band 30 px wider than the text. */
async function pageWithInvertedBand(dark: string, inverted: string): Promise<Buffer> {
  const page = Buffer.alloc(WIDTH * HEIGHT, 255);
  const place = async (text: string, left: number, top: number, invert: boolean) => {
    const { ink, width, height } = await inkOf(text);
    for (let y = -30; y < height + 30; y++) {
      for (let x = -30; x < width + 30; x++) {
        const inside = x >= 0 && y >= 0 && x < width && y < height;
        const level = inside ? ink[y * width + x]! : 0;
        page[(top + y) * WIDTH + left + x] = invert ? level : 255 - level;
      }
    }
  };
  await place(dark, 100, 100, false);
  await place(inverted, 100, 330, true);
  return sharp(page, { raw: { width: WIDTH, height: HEIGHT, channels: 1 } })
    .png()
    .toBuffer();
}

describe('tesseract parameters SoHoa reads with', () => {
  const dir = tempDir('sohoa-ocr-params-');
  afterAll(() => dir.remove());

  it('does not read unsure lines a second time inverted, unless tessedit_do_invert is set back to 1', async () => {
    const image = await pageWithInvertedBand('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'GIẤY BIÊN NHẬN HỒ SƠ');
    const read = async (parameters?: Record<string, string>) => {
      const worker = await new TesseractDriver({ cacheDir: dir.path, parameters }).startWorker();
      try {
        return foldVietnamese((await worker.recognize(image)).text);
      } finally {
        await worker.terminate();
      }
    };
    const byDefault = await read();
    expect(byDefault).toContain('cong hoa xa hoi chu nghia viet nam');
    expect(byDefault).not.toContain('bien nhan');
    const withInvert = await read({ tessedit_do_invert: '1' });
    expect(withInvert).toContain('cong hoa xa hoi chu nghia viet nam');
    expect(withInvert).toContain('giay bien nhan ho so');
  }, 120_000);
});
