import { join } from 'node:path';
import type { EngineHandlers } from '../../shared/contract';
import type { BackupOutcome } from '../../shared/backup-types';
import { backupStore, checkBackup } from '../backup/backup';
import { BackupDestinationMissingError } from '../backup/backup-errors';
import type { ServiceContext } from './handler-context';

type BackupMethod = 'backup.status' | 'backup.run';

const BACKUP_EVENT = 'backup.create';

/** A folder name per backup, by its time (UTC), so backups never overwrite each other. */
const folderName = (at: Date) => `sohoa-${at.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}`;

/** The Storage section: the data folder, a backup now into the backup folder (with progress), and the last backup as the audit log has it. */
export function backupHandlers(ctx: ServiceContext): Pick<EngineHandlers, BackupMethod> {
  const lastBackup = (): BackupOutcome | null => {
    const row = ctx.store.audit.list({ action: BACKUP_EVENT }, 1, 0).rows[0];
    if (!row) return null;
    const details = JSON.parse(row.details || '{}') as Partial<BackupOutcome>;
    return { at: row.at, folder: details.folder ?? row.subject ?? '', files: details.files ?? 0, checked: details.checked ?? false };
  };
  return {
    'backup.status': () => ({ dataDir: ctx.store.dataDir, destination: ctx.settings.text('backup.destination'), lastBackup: lastBackup() }),
    'backup.run': async () => {
      const destination = ctx.settings.text('backup.destination');
      if (!destination) throw new BackupDestinationMissingError();
      const actor = ctx.actor;
      const started = ctx.now?.() ?? new Date();
      const folder = join(destination, folderName(started));
      const { files } = await backupStore(ctx.store.db, ctx.store.dataDir, folder, (done, total) =>
        ctx.events.emit('progress', { task: 'backup', label: 'backup', done, total }),
      );
      const checked = checkBackup(folder).ok;
      ctx.audit.append({ actor, action: BACKUP_EVENT, subject: folder, details: { folder, files, checked } });
      return lastBackup()!;
    },
  };
}
