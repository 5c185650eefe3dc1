import { realpath } from 'node:fs/promises';
import type { Engine } from '../engine';
import { ArchiveRepository } from '../store/archive-repository';
import { BatchNotFoundError } from './archive-errors';
import { batchKey } from './batch-key';
import { batchReport, type BatchReport } from './batch-report';
import { qcQueue, type QcItem } from './qc-queue';
import type { ColumnMap } from './register-columns';

type BatchServiceHost = Pick<Engine, 'store'>;

/**
 * What the `sohoa batch` command still reads of archive batches outside the contract: a batch found by
 * its number or its folder, its report, its remembered columns and QC items.
 * Approval, pause / cancel and bulk signing go through the contract (`batch.approve`, `batch.control`,
 * `batch.sign`), as the app's do.
 */
export class BatchService {
  private readonly archive: ArchiveRepository;

  constructor(private readonly engine: BatchServiceHost) {
    this.archive = engine.store.archive;
  }

  /** A batch by its number, or the latest batch taken in from a folder. */
  async find(ref: string): Promise<number> {
    if (/^\d+$/.test(ref)) {
      if (!this.archive.batch(Number(ref))) throw new BatchNotFoundError(ref);
      return Number(ref);
    }
    const source = await realpath(ref).catch(() => ref);
    const batch = this.archive.latestBatchOfSource(source);
    if (!batch) throw new BatchNotFoundError(ref);
    return batch.id;
  }

  async report(ref: string): Promise<BatchReport> {
    return batchReport(this.archive, await this.find(ref));
  }

  /** The register columns chosen the last time this folder and register were taken in. */
  rememberedColumns(source: string, registerPath: string): ColumnMap | undefined {
    return this.archive.batchByKey(batchKey(source, registerPath))?.columns ?? undefined;
  }

  async qcQueue(ref: string): Promise<{ batchId: number; items: QcItem[] }> {
    const batchId = await this.find(ref);
    return { batchId, items: qcQueue(this.engine.store, batchId) };
  }
}
