import type { AgencyIdentity } from '../../shared/agency';
import type { AuditLog } from '../audit/audit-log';
import type { Accounts } from '../auth/accounts';
import type { Principal } from '../auth/principal';
import type { Sessions } from '../auth/sessions';
import { keyFolder } from '../security/key-file';
import { ReadablePathPolicy } from '../security/readable-path';
import type { EventBus } from '../event-bus';
import type { CapturedItem } from '../intake/page-intake';
import type { Store } from '../store/store';
import type { WorkstationSettings } from '../settings/workstation-settings';
import type { Workstation } from '../store/workstation-repository';

/** Reads page images out of files and folders (JPEG, PNG, TIFF, scanner PDFs). */
export type FileReader = (paths: string[], options?: ReadFilesOptions) => AsyncIterable<CapturedItem>;

export interface ReadFilesOptions {
  /** The `import.max-pages-per-file` setting: a PDF or TIFF with more pages is refused whole. */
  maxPagesPerFile?: number;
}

export interface ServiceContext {
  store: Store;
  audit: AuditLog;
  events: EventBus;
  workstation: Workstation;
  /** The settings, through their schema (src/shared/settings-schema.ts). */
  settings: WorkstationSettings;
  /** The agency new dossiers are taken in under; null before first-run set-up. */
  agency(): AgencyIdentity | null;
  /**
   * The name the audit log records for the call in progress: the signed-in user, or the engine's
   * system principal for in-process calls. A getter: read it during the call, never copy it out.
   */
  readonly actor: string;
  /** Who makes the call in progress (user and role, or system). */
  caller(): Principal;
  accounts: Accounts;
  sessions: Sessions;
  readFiles: FileReader;
  /** What the paths callers give may point at; by default anything but the data directory and the key folder. */
  readablePaths?: ReadablePathPolicy;
  now?: () => Date;
}

export function readablePathsOf(ctx: ServiceContext): ReadablePathPolicy {
  return ctx.readablePaths ?? new ReadablePathPolicy([ctx.store.dataDir, keyFolder()]);
}
