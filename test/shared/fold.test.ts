import { describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../src/shared/fold';
import { addWorkingDays, isIsoDate } from '../../src/shared/dates';

describe('foldVietnamese', () => {
  it('removes tone and vowel marks and folds đ', () => {
    expect(foldVietnamese('Nguyễn Văn Ánh')).toBe('nguyen van anh');
    expect(foldVietnamese('Thủ Dầu Một')).toBe('thu dau mot');
    expect(foldVietnamese('ĐÀO Đức')).toBe('dao duc');
  });
  it('treats decomposed and composed input alike', () => {
    expect(foldVietnamese('Nguyễn'.normalize('NFD'))).toBe(foldVietnamese('Nguyễn'.normalize('NFC')));
  });
});

describe('dates', () => {
  it('checks real calendar days', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('21/03/2021')).toBe(false);
  });
  it('counts working days over a weekend', () => {
    // 2021-03-05 is a Friday: one working day later is Monday the 8th.
    expect(addWorkingDays('2021-03-05', 1)).toBe('2021-03-08');
    expect(addWorkingDays('2021-03-01', 5)).toBe('2021-03-08');
  });
});
