import type { EngineHandlers } from '../../shared/contract';
import type { BackupService } from '../backup/backup-service';

type BackupMethod = 'backup.status' | 'backup.run';

/** The Storage section: the data folder, a backup now into the backup folder (with progress), the last backup and the schedule. */
export function backupHandlers(backup: BackupService, actor: () => string): Pick<EngineHandlers, BackupMethod> {
  return {
    'backup.status': () => backup.status(),
    'backup.run': () => backup.run(actor()),
  };
}
