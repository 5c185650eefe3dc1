import { isIsoDate } from '../../shared/dates';
import { workingCalendar, type WorkingCalendar } from '../../shared/working-calendar';
import type { SettingsRepository } from '../store/settings-repository';
import { HolidaySettingInvalidError } from './result-errors';

/** The setting the administrator edits: a JSON list of the year's public holidays and days off, as ISO dates. */
export const HOLIDAYS_SETTING = 'calendar.holidays';

export function readHolidays(settings: SettingsRepository): string[] {
  const raw = settings.get(HOLIDAYS_SETTING);
  if (raw === undefined || raw.trim() === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new HolidaySettingInvalidError(raw);
  }
  if (!Array.isArray(value) || !value.every((d): d is string => typeof d === 'string' && isIsoDate(d)))
    throw new HolidaySettingInvalidError(raw);
  return [...new Set(value)].sort();
}

/** Replaces one year's holidays, keeping the other years' (the administrator edits a year at a time). */
export function writeYearHolidays(settings: SettingsRepository, year: number, days: string[]): string[] {
  const others = readHolidays(settings).filter((d) => !d.startsWith(`${year}-`));
  const all = [...new Set([...others, ...days])].sort();
  settings.set(HOLIDAYS_SETTING, JSON.stringify(all));
  return all.filter((d) => d.startsWith(`${year}-`));
}

export const holidayCalendar = (settings: SettingsRepository): WorkingCalendar => workingCalendar(readHolidays(settings));
