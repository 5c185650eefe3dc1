import type { Language } from './catalogs';

/** An ISO `YYYY-MM-DD` date as people read it: 23/11/2026 in Vietnamese, 23 Nov 2026 in English. */
export function formatDate(iso: string | null, language: Language): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  if (language === 'vi') return `${d}/${mo}/${y}`;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${iso}T00:00:00Z`),
  );
}

/** A moment (ISO timestamp) in local time: 14:05 23/11/2026 in Vietnamese, 23 Nov 2026, 14:05 in English; to the second if asked. */
export function formatDateTime(iso: string | null, language: Language, seconds = false): string {
  if (!iso) return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  if (language === 'vi') {
    const two = (n: number) => String(n).padStart(2, '0');
    const time = `${two(at.getHours())}:${two(at.getMinutes())}${seconds ? `:${two(at.getSeconds())}` : ''}`;
    return `${time} ${two(at.getDate())}/${two(at.getMonth() + 1)}/${at.getFullYear()}`;
  }
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
  }).format(at);
}
