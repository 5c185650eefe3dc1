import { dataDirOption, parseCommandArgs } from '../args';
import { UsageError, type CommandRun } from '../command';
import { resolveDataDir } from '../../core/data-dir';
import { encryptPlainStore } from '../../core/security/encrypt-plain-store';

export const storeCommand: CommandRun = {
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, dataDirOption);
    if (positionals.length !== 1 || positionals[0] !== 'encrypt') throw new UsageError('expected: store encrypt');
    const dataDir = resolveDataDir(values['data-dir'], io.env);
    const { keyFile } = encryptPlainStore(dataDir, { keyFile: values['key-file'], env: io.env });
    io.out(`encrypted the store in ${dataDir}; its key is in ${keyFile}: back it up apart from the data`);
    return 0;
  },
};
