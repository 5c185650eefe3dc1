import type { RecordCompression } from '../core/record/build-record-pdf';
import { databaseState } from '../core/store/database-file';
import { CodedUsageError, type CliIo } from './command';
import { openEngine } from './open-engine';

const COMPRESSIONS: readonly RecordCompression[] = ['mrc', 'jpeg'];

/**
 * How `sohoa process` stores page images: `--compression`, else the data directory's
 * `record.compression` setting, else mrc (the setting's default; docs/RECORD.md).
 */
export async function compressionOfRun(
  values: { compression?: string; 'data-dir'?: string; 'key-file'?: string },
  io: CliIo,
): Promise<RecordCompression> {
  const given = values.compression;
  if (given !== undefined) {
    if (!COMPRESSIONS.includes(given as RecordCompression)) throw new CodedUsageError('record.compression-unknown', { given });
    return given as RecordCompression;
  }
  const dataDir = values['data-dir'] ?? io.env.SOHOA_DATA_DIR;
  if (!dataDir || databaseState(dataDir) === 'none') return 'mrc';
  const engine = openEngine(dataDir, io.env, values['key-file']);
  try {
    return engine.settings.value('record.compression') as RecordCompression;
  } finally {
    await engine.close();
  }
}
