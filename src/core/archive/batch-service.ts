import type { Engine } from '../engine';
import type { ArchiveRepository } from '../store/archive-repository';
import { batchKey } from './batch-key';
import type { ColumnMap } from './register-columns';

type BatchServiceHost = Pick<Engine, 'store'>;

/**
 * What the `sohoa batch` command still reads of archive batches outside the contract: the register
 * columns remembered for `--preview`. A batch's report and QC items go through the contract
 * (`batch.report`, `batch.qcItems`), as approval, pause / cancel and bulk signing do.
 */
export class BatchService {
  private readonly archive: ArchiveRepository;

  constructor(engine: BatchServiceHost) {
    this.archive = engine.store.archive;
  }

  /** The register columns chosen the last time this folder and register were taken in. */
  rememberedColumns(source: string, registerPath: string): ColumnMap | undefined {
    return this.archive.batchByKey(batchKey(source, registerPath))?.columns ?? undefined;
  }
}
