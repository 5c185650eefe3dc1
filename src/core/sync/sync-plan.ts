import { backoffDelay } from './backoff';

/** A daily time window, in minutes after local midnight; `end < start` spans midnight (a night window). */
export interface SyncWindow {
  startMinute: number;
  endMinute: number;
}

export interface SyncPlanSettings {
  intervalMs: number;
  window: SyncWindow | null;
}

/** The first retry after a failed run waits about this long; it doubles up to the interval. */
export const RETRY_BASE_MS = 30_000;

/** Reads `HH:MM-HH:MM`; anything else is no window. */
export function parseSyncWindow(text: string | undefined | null): SyncWindow | null {
  const m = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(text?.trim() ?? '');
  if (!m) return null;
  const [sh, sm, eh, em] = m.slice(1).map(Number) as [number, number, number, number];
  if (sh > 23 || eh > 23 || sm > 59 || em > 59) return null;
  const startMinute = sh * 60 + sm;
  const endMinute = eh * 60 + em;
  return startMinute === endMinute ? null : { startMinute, endMinute };
}

const minuteOfDay = (d: Date) => d.getHours() * 60 + d.getMinutes();

export function insideWindow(at: Date, window: SyncWindow): boolean {
  const m = minuteOfDay(at);
  return window.startMinute < window.endMinute
    ? m >= window.startMinute && m < window.endMinute
    : m >= window.startMinute || m < window.endMinute;
}

/** The window's next opening at or after `at`. */
function nextOpening(at: Date, window: SyncWindow): Date {
  const opening = new Date(at);
  opening.setHours(Math.floor(window.startMinute / 60), window.startMinute % 60, 0, 0);
  if (opening < at) opening.setDate(opening.getDate() + 1);
  return opening;
}

/**
 * When the next scheduled run goes: one interval after `now`, or sooner after a failure (the
 * retry when the network comes back: exponential backoff with jitter, `failures` in a row), and
 * never outside the window.
 */
export function nextSyncRun(now: Date, settings: SyncPlanSettings, failures: number, random: () => number = Math.random): Date {
  const delay =
    failures > 0
      ? backoffDelay(failures, { baseMs: RETRY_BASE_MS, maxMs: Math.max(RETRY_BASE_MS, settings.intervalMs) }, random)
      : settings.intervalMs;
  const at = new Date(now.getTime() + delay);
  return settings.window && !insideWindow(at, settings.window) ? nextOpening(at, settings.window) : at;
}
