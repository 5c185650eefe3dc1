import { CodedError } from '../../shared/errors';

export class BackupTargetExistsError extends CodedError {
  constructor(path: string) {
    super('backup.target-exists', `${path} already exists and is not empty: choose a new folder`, { path });
  }
}

export class BackupInvalidError extends CodedError {
  constructor(path: string, reason: string) {
    super('backup.invalid', `${path} is not a usable backup: ${reason}`, { path, reason });
  }
}

/** A signed-in caller named a folder for a backup: where backups go is the `backup.destination` setting alone. */
export class BackupDestinationRefusedError extends CodedError {
  constructor(path: string) {
    super('backup.destination-refused', `A backup goes into the backup folder set in the settings, not ${path}`, { path });
  }
}

export class BackupDestinationMissingError extends CodedError {
  constructor() {
    super('backup.destination-missing', 'No backup folder is set: set backup.destination first', {});
  }
}

/** A scheduled backup failed for a reason that is not a coded one (a disk error while copying). */
export class BackupFailedError extends CodedError {
  constructor(reason: string) {
    super('backup.failed', `The backup could not be made: ${reason}`, { reason });
  }
}
