import type { BatchState } from '../../../shared/archive-types';
import { PAGE_FLAG_LABELS } from './page-flag-labels';
import type { Translate } from './translate';
import type { MessageKey } from './vi';

const REASONS: Record<string, MessageKey> = {
  'count-mismatch': 'archive.reason.count-mismatch',
  extra: 'archive.reason.extra',
  missing: 'archive.reason.missing',
  'pages-failed': 'archive.reason.pages-failed',
  'unreadable-files': 'archive.reason.unreadable-files',
  failed: 'archive.reason.failed',
  blank: 'archive.reason.blank',
  unreadable: 'archive.reason.unreadable',
  'low-confidence': 'archive.reason.low-confidence',
  ...PAGE_FLAG_LABELS,
};

/** Why the QC queue holds a dossier or page, in the current language. */
export function reasonLabel(t: Translate, reason: string): string {
  return Object.hasOwn(REASONS, reason) ? t(REASONS[reason]!) : t('archive.reason.other', { reason });
}

export const batchStateLabel = (t: Translate, state: BatchState): string => t(`archive.state.${state}` as const);

/** A time left, in hours and minutes, or minutes, or seconds. */
export function durationLabel(t: Translate, seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (h) return t('archive.duration.hm', { h, m });
  if (m) return t('archive.duration.m', { m });
  return t('archive.duration.s', { s: Math.round(seconds) });
}
