import { describe, expect, it } from 'vitest';
import { formatDayMonthYear, parseDayMonthYear } from '../../src/shared/dates';

describe('dates as people type them', () => {
  it('takes day first with slashes, dashes or dots, and ISO as it is', () => {
    expect(['30/11/2024', '30-11-2024', '30.11.2024', ' 30/11/2024 ', '2024-11-30'].map(parseDayMonthYear)).toEqual(
      Array(5).fill('2024-11-30'),
    );
    expect(parseDayMonthYear('1/2/2024')).toBe('2024-02-01');
  });

  it('refuses what is no day, mixed separators and month-first readings', () => {
    expect(['31/02/2024', '30/13/2024', '30/11-2024', '11/30/2024', '30/11/24', '', 'hôm nay'].map(parseDayMonthYear)).toEqual(
      Array(7).fill(null),
    );
  });

  it('shows an ISO date day first, and leaves anything else alone', () => {
    expect(formatDayMonthYear('2024-11-30')).toBe('30/11/2024');
    expect(formatDayMonthYear('30/13/2024')).toBe('30/13/2024');
  });
});
