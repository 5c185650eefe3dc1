import { describe, expect, it } from 'vitest';
import { parseNumberWords } from '../../src/core/ocr/fields/number-words';
import { foldVietnamese } from '../../src/shared/fold';

const value = (text: string) => parseNumberWords(foldVietnamese(text).split(' '));

describe('Vietnamese numbers in words', () => {
  it('reads units, tens and their spoken variants', () => {
    expect(value('bảy')).toBe(7);
    expect(value('mười')).toBe(10);
    expect(value('mười lăm')).toBe(15);
    expect(value('hai mươi mốt')).toBe(21);
    expect(value('ba mươi tư')).toBe(34);
    expect(value('mùng năm')).toBe(5);
  });

  it('reads years with thousands, hundreds and "linh"', () => {
    expect(value('hai nghìn không trăm hai mươi mốt')).toBe(2021);
    expect(value('một nghìn chín trăm linh năm')).toBe(1905);
    expect(value('một ngàn chín trăm chín mươi lăm')).toBe(1995);
    expect(value('hai nghìn')).toBe(2000);
  });

  it('refuses runs that are not one number', () => {
    expect(value('hai ba')).toBeNull();
    expect(value('mười mười')).toBeNull();
    expect(value('trăm')).toBeNull();
    expect(value('nghìn')).toBeNull();
    expect(value('ngày')).toBeNull();
  });
});
