import { useState } from 'react';
import { formatDayMonthYear, parseDayMonthYear } from '../../../shared/dates';
import { useT } from '../i18n/i18n-context';

/**
 * A date typed as dd/mm/yyyy (or with - or .), whatever the browser's locale: the form keeps ISO
 * (or the text as typed, when it is not a date yet, for the engine to refuse with its hint).
 */
export function useDateText(value: string, onChange: (value: string) => void) {
  const t = useT();
  const [text, setText] = useState(() => formatDayMonthYear(value));
  // The form set the value itself (a reset, today's date): show that instead of what was typed.
  const shown = text === value || parseDayMonthYear(text) === value ? text : formatDayMonthYear(value);
  return {
    type: 'text',
    inputMode: 'numeric' as const,
    placeholder: t('date.placeholder'),
    value: shown,
    onChange: (typed: string) => {
      setText(typed);
      onChange(parseDayMonthYear(typed) ?? typed.trim());
    },
  };
}
