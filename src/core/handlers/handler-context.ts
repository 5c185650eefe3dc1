import type { AuditLog } from '../audit/audit-log';
import type { EventBus } from '../event-bus';
import type { CapturedItem } from '../intake/page-intake';
import type { Store } from '../store/store';
import type { Workstation } from '../store/workstation-repository';

/** Reads page images out of files and folders (JPEG, PNG, TIFF, scanner PDFs). */
export type FileReader = (paths: string[]) => AsyncIterable<CapturedItem>;

export interface ServiceContext {
  store: Store;
  audit: AuditLog;
  events: EventBus;
  workstation: Workstation;
  actor: string;
  readFiles: FileReader;
  now?: () => Date;
}
