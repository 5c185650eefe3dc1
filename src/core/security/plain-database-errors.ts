import { CodedError } from '../../shared/errors';

export class PlainDatabaseError extends CodedError {
  constructor(dataDir: string) {
    super(
      'store.plain-database',
      `The database in ${dataDir} is not encrypted (a store from an earlier version): encrypt it first with \`sohoa store encrypt --data-dir ${dataDir}\``,
      { dataDir },
    );
  }
}

export class PlainDatabaseInEncryptedFolderError extends CodedError {
  constructor(dataDir: string) {
    super(
      'store.plain-database-refused',
      `The database in ${dataDir} is not encrypted, but this folder was encrypted (it has a key-id): the database was replaced by someone without the key. It is refused; restore sohoa.db from a backup`,
      { dataDir },
    );
  }
}

export class NothingToEncryptError extends CodedError {
  constructor(dataDir: string) {
    super('store.nothing-to-encrypt', `There is no database in clear in ${dataDir}: nothing to encrypt`, { dataDir });
  }
}
