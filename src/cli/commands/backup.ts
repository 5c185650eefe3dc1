import { dataDirOption, parseCommandArgs } from '../args';
import type { CommandRun } from '../command';
import { UsageError } from '../command';
import { resolve } from 'node:path';
import { contractCall } from '../contract-call';
import { openEngine } from '../open-engine';
import { checkBackup, restoreBackup } from '../../core/backup/backup';
import { resolveDataDir } from '../../core/data-dir';

export const backupCommand: CommandRun = {
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, dataDirOption);
    if (positionals[0] === 'check' && positionals.length === 2) {
      const check = checkBackup(positionals[1]!);
      io.out(JSON.stringify(check));
      if (!check.ok)
        io.err(`backup damaged: ${check.missing.length} missing, ${check.changed.length} changed, ${check.extra.length} unlisted files`);
      return check.ok ? 0 : 1;
    }
    if (positionals[0] === 'restore' && positionals.length === 2) {
      const check = restoreBackup(positionals[1]!, resolveDataDir(values['data-dir'], io.env));
      io.out(`restored ${check.files} files; the data opens only with the key of the store it came from (same key file or keychain entry)`);
      // The anchor beside the key names the log's head as it was before the restore, so the restored log reads as cut short.
      io.out(
        'the audit log is back as it was at the backup: its anchor names later events; once checked, run `sohoa audit re-anchor` on the restored folder',
      );
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('expected a destination folder');
    const engine = openEngine(values['data-dir'], io.env, values['key-file']);
    try {
      const { files } = await contractCall(engine)('backup.run', { destination: resolve(positionals[0]!) });
      io.out(`backup written: ${files} files in ${positionals[0]}`);
      return 0;
    } finally {
      await engine.close();
    }
  },
};
