import { realpath } from 'node:fs/promises';
import type { RegisterPreview } from '../../shared/register-preview';
import type { ArchiveRepository } from '../store/archive-repository';
import { loadRegister } from './batch-intake';
import { batchKey } from './batch-key';
import type { ColumnMap } from './register-columns';
import type { RegisterEncoding } from './register-encoding';
import { previewRegister } from './register-preview';

export interface RegisterPreviewRequest {
  folder: string;
  registerPath: string;
  columns?: ColumnMap;
  encoding?: RegisterEncoding;
  sheet?: string;
}

/**
 * The register as a run of this folder would read it, nothing taken in: with the columns chosen the
 * last time this folder and register were taken in, under those chosen now.
 */
export async function readRegisterPreview(archive: ArchiveRepository, request: RegisterPreviewRequest): Promise<RegisterPreview> {
  const source = await realpath(request.folder).catch(() => request.folder);
  const registerPath = await realpath(request.registerPath).catch(() => request.registerPath);
  const remembered = archive.batchByKey(batchKey(source, registerPath))?.columns ?? undefined;
  return previewRegister(
    await loadRegister(registerPath, { remembered, chosen: request.columns, encoding: request.encoding, sheet: request.sheet }),
  );
}
