import { addDays } from './dates';

/**
 * The working-day calendar of a one-stop desk: Monday to Friday, less the public holidays the
 * administrator lists for the year (ISO dates; a compensating day off is listed as a holiday too).
 */
export interface WorkingCalendar {
  holidays: ReadonlySet<string>;
}

export const workingCalendar = (holidays: Iterable<string> = []): WorkingCalendar => ({ holidays: new Set(holidays) });

export function isWorkingDay(calendar: WorkingCalendar, day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !calendar.holidays.has(day);
}

/** The day `days` working days after `day`. */
export function addCalendarWorkingDays(calendar: WorkingCalendar, day: string, days: number): string {
  let date = day;
  for (let left = days; left > 0;) {
    date = addDays(date, 1);
    if (isWorkingDay(calendar, date)) left--;
  }
  return date;
}

/** A due date on a weekend or a holiday moves to the next working day (the time limit ends on the next working day). */
export function lastDayToReturn(calendar: WorkingCalendar, dueDate: string): string {
  let date = dueDate;
  while (!isWorkingDay(calendar, date)) date = addDays(date, 1);
  return date;
}

/** Working days from the last day to return to the day it was returned: 0 when on time. */
export function workingDaysLate(calendar: WorkingCalendar, dueDate: string, returnedDay: string): number {
  let date = lastDayToReturn(calendar, dueDate);
  let late = 0;
  while (date < returnedDay) {
    date = addDays(date, 1);
    if (isWorkingDay(calendar, date)) late++;
  }
  // Returned on a weekend just after the last day: late by a day even with no working day between.
  return late === 0 && returnedDay > lastDayToReturn(calendar, dueDate) ? 1 : late;
}

/**
 * A dossier not handed back is past due when its last day to return is before today, that is when its
 * due date is before this day: the day after the last working day before today (a due date on the
 * weekend or holiday just before today has its last day today, not yet past).
 */
export function pastDueBefore(calendar: WorkingCalendar, today: string): string {
  let day = addDays(today, -1);
  for (let i = 0; i < 366 && !isWorkingDay(calendar, day); i++) day = addDays(day, -1);
  return addDays(day, 1);
}
