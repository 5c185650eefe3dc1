import { existsSync } from 'node:fs';
import type { EngineHandlers } from '../../shared/contract';
import type { Principal } from '../auth/principal';
import { BackupDestinationRefusedError, BackupTargetExistsError } from '../backup/backup-errors';
import type { BackupService } from '../backup/backup-service';
import type { ReadablePathPolicy } from '../security/readable-path';
import { checkWriteTarget } from '../security/write-target';

type BackupMethod = 'backup.status' | 'backup.run';

export interface BackupCaller {
  actor: () => string;
  caller: () => Principal;
  /** Its protected folders are no place for a backup. */
  paths: ReadablePathPolicy;
}

/**
 * The Storage section: the data folder, a backup now into the backup folder (with progress), the last backup and the schedule.
 * The local operator (`sohoa backup DEST`) may name the backup's own folder; a signed-in caller may not.
 */
export function backupHandlers(backup: BackupService, by: BackupCaller): Pick<EngineHandlers, BackupMethod> {
  return {
    'backup.status': () => backup.status(),
    'backup.run': ({ destination }) => {
      if (destination === undefined) return backup.run(by.actor());
      if (by.caller().kind !== 'system') throw new BackupDestinationRefusedError(destination);
      // A folder already there is told as such first, wherever it is: a backup never writes over one.
      if (existsSync(destination)) throw new BackupTargetExistsError(destination);
      checkWriteTarget(by.paths, destination, 'backup');
      return backup.run(by.actor(), destination);
    },
  };
}
