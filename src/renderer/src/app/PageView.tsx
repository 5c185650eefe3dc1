import type { ComponentType } from 'react';
import { ArchivePage } from '../pages/ArchivePage';
import { AuditPage } from '../pages/AuditPage';
import { IntakePage } from '../pages/IntakePage';
import { ProgressPage } from '../pages/ProgressPage';
import { SearchPage } from '../pages/SearchPage';
import { SettingsPage } from '../pages/SettingsPage';
import { UsersPage } from '../pages/UsersPage';
import type { PageId } from './pages';

const VIEWS: Record<PageId, ComponentType> = {
  intake: IntakePage,
  archive: ArchivePage,
  search: SearchPage,
  progress: ProgressPage,
  audit: AuditPage,
  users: UsersPage,
  settings: SettingsPage,
};

export function PageView({ page }: { page: PageId }) {
  const View = VIEWS[page];
  return <View />;
}
