import { describe, expect, it } from 'vitest';
import { pageTextFromBlocks, type TesseractBlock } from '../../src/core/ocr/page-text-from-blocks';

const word = (text: string, x0: number, y0: number, confidence = 95) => ({
  text,
  confidence,
  bbox: { x0, y0, x1: x0 + 10 * text.length, y1: y0 + 30 },
});

describe('PageText from tesseract.js blocks', () => {
  it('keeps reading order, joins lines by \\n and paragraphs by a blank line, in NFC', () => {
    const nfd = 'Nguyễn'.normalize('NFD');
    const blocks: TesseractBlock[] = [
      {
        paragraphs: [
          { lines: [{ words: [word('Họ', 0, 0), word('tên:', 40, 0)] }, { words: [word(nfd, 0, 40), word('Văn', 80, 40, 85)] }] },
        ],
      },
      { paragraphs: [{ lines: [{ words: [word('Địa', 0, 200), word(' ', 50, 200), word('chỉ', 60, 200)] }] }] },
    ];
    const page = pageTextFromBlocks(blocks, 1000, 2000);
    expect(page.text).toBe('Họ tên:\nNguyễn Văn\n\nĐịa chỉ');
    expect(page.text).toBe(page.text.normalize('NFC'));
    expect(page.lines.map((l) => l.words.length)).toEqual([2, 2, 2]);
    expect(page.lines[1]!.bbox).toEqual({ x0: 0, y0: 40, x1: 110, y1: 70 });
    expect(page.confidence).toBeCloseTo((95 * 5 + 85) / 6);
    expect(page.unreadable).toBeUndefined();
  });

  it('flags a page of specks and stray marks as unreadable, with no text', () => {
    const blocks: TesseractBlock[] = [
      { paragraphs: [{ lines: [{ words: [word('.', 0, 0, 20), word('~', 30, 0, 15), word('ii', 60, 0, 30), word('Ab', 90, 0, 91)] }] }] },
    ];
    const page = pageTextFromBlocks(blocks, 500, 500);
    expect(page).toMatchObject({ unreadable: true, text: '', lines: [], width: 500, height: 500 });
    expect(pageTextFromBlocks(null, 10, 10)).toMatchObject({ unreadable: true, text: '', confidence: 0 });
  });

  it('leaves out unsure marks that cannot be words (signature strokes, seal rings) and keeps unsure words', () => {
    const line = [
      word('Lương', 0, 0, 96),
      word('ppb', 60, 0, 31),
      word('Ỷ"¡.', 100, 0, 12),
      word('Thị', 150, 0, 38),
      word('Mỹ', 200, 0, 55),
      word('Mai', 240, 0, 93),
      word('Bx', 280, 0, 92),
    ];
    const page = pageTextFromBlocks([{ paragraphs: [{ lines: [{ words: line }] }] }], 1000, 1000);
    expect(page.text).toBe('Lương Thị Mỹ Mai Bx');
    expect(page.lines[0]!.words.map((w) => w.text)).toEqual(['Lương', 'Thị', 'Mỹ', 'Mai', 'Bx']);
  });

  it('leaves out punctuation standing alone, however sure, and keeps dashes, slashes and leader dots', () => {
    const line = [
      word('.', 0, 0, 86),
      word('Số:', 20, 0, 92),
      word('440\u2044GXN', 80, 0, 89),
      word(':', 200, 0, 81),
      word('-', 220, 0, 93),
      word('/', 240, 0, 90),
      word('……', 260, 0, 70),
      word('„', 300, 0, 47),
      word('tên)', 320, 0, 77),
      word('_', 360, 0, 44),
    ];
    const page = pageTextFromBlocks([{ paragraphs: [{ lines: [{ words: line }] }] }], 1000, 1000);
    expect(page.text).toBe('Số: 440/GXN - / …… tên)');
  });

  it('puts back the m² of an area after a number, and leaves a m2 elsewhere as read', () => {
    const line = [
      word('285,7', 0, 0),
      word('m2', 60, 0),
      word('và', 100, 0),
      word('134,3', 140, 0),
      word('m‡,', 200, 0),
      word('100', 240, 0),
      word('m?', 280, 0),
      word('m2x', 280, 0),
      word('phòng', 320, 0),
      word('m2', 380, 0),
    ];
    const page = pageTextFromBlocks([{ paragraphs: [{ lines: [{ words: line }] }] }], 1000, 1000);
    expect(page.text).toBe('285,7 m² và 134,3 m², 100 m² m2x phòng m2');
    expect(page.lines[0]!.words[1]!.bbox).toEqual(line[1]!.bbox);
  });
});
