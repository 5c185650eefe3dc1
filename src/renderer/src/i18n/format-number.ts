import type { Language } from './catalogs';

const LOCALES: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

/** A count as people read it: 12.345 in Vietnamese, 12,345 in English. */
export function formatNumber(value: number, language: Language, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits }).format(value);
}

/** A share (0…1) as a percentage: 66,7% in Vietnamese. */
export function formatPercent(rate: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}
