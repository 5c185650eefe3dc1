import type { MessageKey } from '../i18n/vi';

export const PAGES = ['intake', 'archive', 'search', 'progress', 'settings'] as const;
export type PageId = (typeof PAGES)[number];

export const PAGE_LABELS: Record<PageId, MessageKey> = {
  intake: 'nav.intake',
  archive: 'nav.archive',
  search: 'nav.search',
  progress: 'nav.progress',
  settings: 'nav.settings',
};
