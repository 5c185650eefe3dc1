import { describe, expect, it } from 'vitest';
import { addCalendarWorkingDays, isWorkingDay, lastDayToReturn, workingCalendar, workingDaysLate } from '../../src/shared/working-calendar';

// 2026: 30 April (Thursday) and 1 May (Friday) are public holidays.
const calendar = workingCalendar(['2026-04-30', '2026-05-01']);

describe('the working-day calendar', () => {
  it('skips weekends and the listed holidays', () => {
    expect(['2026-04-29', '2026-04-30', '2026-05-02', '2026-05-04'].map((d) => isWorkingDay(calendar, d))).toEqual([
      true,
      false,
      false,
      true,
    ]);
    expect(addCalendarWorkingDays(calendar, '2026-04-28', 3)).toBe('2026-05-05');
    expect(addCalendarWorkingDays(workingCalendar(), '2026-04-28', 3)).toBe('2026-05-01');
  });

  it('moves a due date on a day off to the next working day, and counts lateness in working days', () => {
    expect(lastDayToReturn(calendar, '2026-04-30')).toBe('2026-05-04');
    expect(lastDayToReturn(calendar, '2026-05-05')).toBe('2026-05-05');
    expect(workingDaysLate(calendar, '2026-05-05', '2026-05-08')).toBe(3);
    // Handed back on the Saturday after a Friday due date: late, though no working day passed.
    expect(workingDaysLate(calendar, '2026-05-08', '2026-05-09')).toBe(1);
    expect(workingDaysLate(calendar, '2026-04-29', '2026-05-04')).toBe(1);
  });
});
