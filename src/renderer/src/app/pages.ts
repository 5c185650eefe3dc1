import type { Role } from '../../../shared/roles';
import type { MessageKey } from '../i18n/vi';

export const PAGES = ['intake', 'archive', 'search', 'progress', 'audit', 'users', 'settings'] as const;
export type PageId = (typeof PAGES)[number];

export const PAGE_LABELS: Record<PageId, MessageKey> = {
  intake: 'nav.intake',
  archive: 'nav.archive',
  search: 'nav.search',
  progress: 'nav.progress',
  audit: 'nav.audit',
  users: 'nav.users',
  settings: 'nav.settings',
};

/** Which roles see each page in the menu. The engine enforces what each role may call; this only spares people pages they cannot use. */
export const PAGE_ROLES: Record<PageId, readonly Role[]> = {
  intake: ['clerk'],
  archive: ['archivist'],
  search: ['clerk', 'archivist', 'supervisor', 'administrator'],
  progress: ['clerk', 'archivist', 'supervisor', 'administrator'],
  audit: ['supervisor', 'administrator'],
  users: ['administrator'],
  settings: ['clerk', 'archivist', 'supervisor', 'administrator'],
};

export const pagesFor = (role: Role): PageId[] => PAGES.filter((page) => PAGE_ROLES[page].includes(role));
