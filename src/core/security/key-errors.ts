import { CodedError } from '../../shared/errors';

export class DataKeyMissingError extends CodedError {
  constructor(dataDir: string, keyFile: string) {
    super(
      'security.key-missing',
      `The data in ${dataDir} is encrypted and its key was not found (looked for ${keyFile}): restore the key file, or give it with --key-file / SOHOA_KEY_FILE`,
      { dataDir, keyFile },
    );
  }
}

export class DataKeyWrongError extends CodedError {
  constructor(dataDir: string) {
    super(
      'security.key-wrong',
      `The data in ${dataDir} cannot be opened with this key: it was encrypted with another key, or the database file is damaged`,
      { dataDir },
    );
  }
}

export class DataKeyInvalidError extends CodedError {
  constructor(source: string, reason: string) {
    super('security.key-invalid', `${source} does not hold a data key: ${reason}`, { source, reason });
  }
}

export class KeyFileExposedError extends CodedError {
  constructor(file: string, mode: number) {
    super(
      'security.key-file-exposed',
      `The key file ${file} can be read by other users (mode ${mode.toString(8)}): run chmod 600 ${file} and try again`,
      { file, mode },
    );
  }
}

export class KeyFileInsideDataError extends CodedError {
  constructor(file: string, dataDir: string) {
    super(
      'security.key-file-inside-data',
      `The key file ${file} is inside the data directory ${dataDir}: a copy of the folder would carry its own key; keep the key elsewhere`,
      { file, dataDir },
    );
  }
}
