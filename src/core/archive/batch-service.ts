import { realpath } from 'node:fs/promises';
import type { BatchSignResult } from '../../shared/archive-types';
import type { SignerSession } from '../desk/signer-session';
import type { Engine } from '../engine';
import { ArchiveRepository } from '../store/archive-repository';
import { BatchNotFoundError } from './archive-errors';
import { batchKey } from './batch-key';
import { batchReport, type BatchReport } from './batch-report';
import { signBatch, type BatchSignOptions } from './batch-sign';
import { batchSigningContext } from './batch-signing-context';
import { qcQueue, type QcItem } from './qc-queue';
import type { ColumnMap } from './register-columns';

/** A signer named outside a window: a .p12 file and its password, or a PKCS#11 token and its PIN. */
export type SignerChoice =
  { kind: 'p12'; path: string; password: string } | { kind: 'pkcs11'; modulePath: string; tokenLabel?: string; pin: string };

type BatchServiceHost = Pick<Engine, 'store' | 'audit' | 'events' | 'workstation' | 'handlers'>;

/**
 * What a front end without a window (the `sohoa batch` command) asks of archive batches: a batch found
 * by its number or its folder, its report, QC queue, approval, pause / cancel and bulk signing. Where a
 * contract method does the work the service calls it, so the app and the command line cannot drift.
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

  /** Where a batch's scans and register were taken from, to run it again. */
  async origin(ref: string): Promise<{ source: string; registerPath: string | null }> {
    const batch = this.archive.batch(await this.find(ref))!;
    return { source: batch.source, registerPath: batch.registerPath };
  }

  /** The register columns chosen the last time this folder and register were taken in. */
  rememberedColumns(source: string, registerPath: string): ColumnMap | undefined {
    return this.archive.batchByKey(batchKey(source, registerPath))?.columns ?? undefined;
  }

  async qcQueue(ref: string): Promise<{ batchId: number; items: QcItem[] }> {
    const batchId = await this.find(ref);
    return { batchId, items: qcQueue(this.engine.store, batchId) };
  }

  /** The ids of the batch's dossiers with these codes; the codes not in the batch are returned apart. */
  dossiersByCode(batchId: number, codes: readonly string[]): { ids: number[]; missing: string[] } {
    const ids: number[] = [];
    const missing: string[] = [];
    for (const code of codes) {
      const id = this.archive.folderDossierByCode(batchId, code);
      if (id === undefined) missing.push(code);
      else ids.push(id);
    }
    return { ids, missing };
  }

  /** Approves the dossiers given, or every one with nothing flagged (`batch.approve`). */
  async approve(batchId: number, dossierIds: number[] | 'clean'): Promise<number[]> {
    const { approved } = await this.engine.handlers['batch.approve']({
      batchId,
      dossierIds: dossierIds === 'clean' ? undefined : dossierIds,
    });
    return approved;
  }

  /** Pauses or cancels a batch (`batch.control`); a batch process running it notices within a second. */
  async control(ref: string, action: 'pause' | 'cancel'): Promise<{ batchId: number; changed: boolean; status: string }> {
    const batchId = await this.find(ref);
    const { changed } = await this.engine.handlers['batch.control']({ batchId, action });
    return { batchId, changed, status: this.archive.batch(batchId)!.status };
  }

  /** Opens the signer for a whole run, audited as the desk's `signer.unlock` is; returns the certificate's subject. */
  async unlockSigner(signer: SignerSession, choice: SignerChoice, actor: string): Promise<string | null> {
    if (choice.kind === 'p12') await signer.unlockP12(choice.path, choice.password);
    else await signer.unlockToken(choice);
    const subject = signer.status().subject;
    this.engine.audit.append({
      actor,
      action: 'signer.unlock',
      subject: subject ?? undefined,
      details: { kind: choice.kind === 'p12' ? 'pkcs12' : 'pkcs11' },
    });
    return subject;
  }

  /** Signs the batch's approved, unsigned dossiers with a signer already unlocked, audited as `actor`. */
  sign(batchId: number, signer: SignerSession, actor: string, options: BatchSignOptions): Promise<BatchSignResult> {
    return signBatch(batchSigningContext(this.engine, signer, actor), this.archive, batchId, options);
  }
}
