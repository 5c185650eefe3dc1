import { describe, expect, it } from 'vitest';
import { checkCccd } from '../../src/shared/cccd';
import { extractFields } from '../../src/core/ocr/fields/extract-fields';
import { pageTextFromPlainText } from '../../src/core/ocr/page-text-from-plain-text';
import type { PageText } from '../../src/shared/page-text';

const fields = (text: string) => extractFields(pageTextFromPlainText(text));

describe('field extraction on OCR-like text', () => {
  it('repairs O and l read for 0 and 1 inside a CCCD, at a lower confidence', () => {
    const clean = fields('CCCD số: 074101234517, cấp ngày 5/3/2021').cccd;
    const noisy = fields('CCCD số: O741012345l7, cấp ngày 5/3/2021').cccd;
    expect(clean.map((f) => f.value)).toEqual(['074101234517']);
    expect(noisy.map((f) => f.value)).toEqual(['074101234517']);
    // more letters than that is a word, not a misread number
    expect(fields('CCCD số: O7IlO12345l7').cccd).toEqual([]);
    expect(noisy[0]!.confidence).toBeLessThan(clean[0]!.confidence);
  });

  it('joins a CCCD printed in digit groups', () => {
    expect(fields('Căn cước công dân số 074 084 577 742').cccd.map((f) => f.value)).toEqual(['074084577742']);
    expect(fields('Căn cước công dân số 0740 8457 7742').cccd.map((f) => f.value)).toEqual(['074084577742']);
  });

  it('rejects 12 digits whose structure is not a CCCD rather than guess', () => {
    for (const wrong of ['999084577742', '074984577742', '074299577742']) {
      expect(checkCccd(wrong).ok).toBe(false);
      expect(fields(`CCCD số: ${wrong}`).cccd).toEqual([]);
    }
    // glued to letters, or part of a longer number: not an id
    expect(fields('Mã AB074084577742 và 0740845777421').cccd).toEqual([]);
  });

  it('reads an old 9-digit CMND only after its label', () => {
    expect(fields('Số CMND: 280123456, cấp ngày 02/01/2010').cmnd.map((f) => f.value)).toEqual(['280123456']);
    expect(fields('Số hồ sơ 280123456').cmnd).toEqual([]);
  });

  it('reads dates in their printed forms as ISO and drops impossible ones', () => {
    const got = fields(
      'Sinh ngày: 05/03/2021, cấp ngày 5/3/2021\nHà Nội, ngày 07 tháng 11\nnăm 2020\nngày 31/02/2021 và 1O/1O/2O2O',
    ).dates.map((d) => d.value);
    expect(got).toEqual(['2021-03-05', '2020-11-07', '2020-10-10']);
  });

  it('reads dates spelled out in words, as birth certificates write the date of birth', () => {
    const spelled = (text: string) => fields(text).dates.map((d) => d.value);
    expect(spelled('Bằng chữ: Ngày hai mươi bảy tháng ba năm hai nghìn không trăm hai mươi mốt')).toEqual(['2021-03-27']);
    expect(spelled('ngày mười lăm, tháng năm, năm một nghìn chín trăm chín mươi tư')).toEqual(['1994-05-15']);
    expect(spelled('Ngày mùng năm tháng mười hai năm hai nghìn linh năm')).toEqual(['2005-12-05']);
    expect(spelled('ngày ba mươi tháng hai năm hai nghìn không trăm hai mươi')).toEqual([]);
    expect(spelled('ngày hai mươi mốt tháng mười năm hai nghìn hai trăm ba mươi bảy')).toEqual([]);
  });

  it('reads the document number and symbol', () => {
    expect(fields('Số: 123/QĐ-UBND').docNumber?.value).toBe('123/QĐ-UBND');
    expect(fields('Số: 45/2021/GCN-STNMT').docNumber?.value).toBe('45/2021/GCN-STNMT');
    expect(fields('Quyển số: 09, Số thứ tự: 423').docNumber).toBeNull();
  });

  it('keeps phone numbers as digits', () => {
    expect(fields('Điện thoại: 0904.641.707; SĐT: 0932 146 622; ĐT: +84 912 345 678').phones.map((p) => p.value)).toEqual([
      '0904641707',
      '0932146622',
      '0912345678',
    ]);
    expect(fields('Vốn: 100.000.000 đồng').phones).toEqual([]);
  });

  it('gives the union of the word boxes a field came from', () => {
    const page: PageText = {
      text: 'CCCD số: 074 084 577742',
      width: 1000,
      height: 100,
      confidence: 90,
      lines: [
        {
          text: 'CCCD số: 074 084 577742',
          bbox: { x0: 10, y0: 10, x1: 600, y1: 60 },
          confidence: 90,
          words: [
            { text: 'CCCD', bbox: { x0: 10, y0: 10, x1: 100, y1: 50 }, confidence: 95 },
            { text: 'số:', bbox: { x0: 110, y0: 12, x1: 160, y1: 50 }, confidence: 95 },
            { text: '074', bbox: { x0: 200, y0: 14, x1: 260, y1: 52 }, confidence: 91 },
            { text: '084', bbox: { x0: 270, y0: 12, x1: 330, y1: 55 }, confidence: 80 },
            { text: '577742', bbox: { x0: 340, y0: 13, x1: 600, y1: 60 }, confidence: 93 },
          ],
        },
      ],
    };
    const [cccd] = extractFields(page).cccd;
    expect(cccd?.bbox).toEqual({ x0: 200, y0: 12, x1: 600, y1: 60 });
    expect(cccd?.confidence).toBeLessThanOrEqual(0.8);
  });

  it("says 'unknown' for a text that is no known kind of document", () => {
    expect(fields('BIÊN BẢN HỌP TỔ DÂN PHỐ\nNội dung cuộc họp').docKind).toEqual({ kind: 'unknown', score: 0 });
    expect(fields('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nGIẤY ỦY QUYỀN').docKind.kind).toBe('giay_uy_quyen');
  });
});
