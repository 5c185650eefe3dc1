import type pg from 'pg';
import type { Receipt, RecordDescriptor } from '../shared/sync-protocol';
import { HubHandBackRepository } from './hub-hand-back-repository';
import { HubRecordRepository } from './hub-record-repository';
import { inHubTransaction } from './hub-transaction';
import type { ProgressFolder } from './progress-folder';
import { VersionConflictError } from './sync-errors';

/**
 * Commits record versions and the hand-backs their result records carry in one transaction, with the province's
 * figures they count in, appended in the same statements (progress-figure-statements.ts): every way in (direct upload,
 * batch, tus, bag, commit by hash, a repeat that brings a hand-back) comes through here, so the figures never count a
 * result record without its hand-back: a failure of either leaves neither, and the workstation's retry counts them once.
 * The `folder` hears of each commit, to fold the pending figures in the background (progress-folder.ts).
 */
export class RecordCommitter {
  constructor(
    private readonly pool: pg.Pool,
    private readonly folder?: Pick<ProgressFolder, 'noteCommit'>,
  ) {}

  async commit(workstationId: string, record: RecordDescriptor, source: 'upload' | 'bag'): Promise<Receipt> {
    const [outcome] = await this.commitMany(workstationId, [record], source);
    if (outcome instanceof VersionConflictError) throw outcome;
    return outcome!;
  }

  /**
   * Each record's receipt (a version stored meanwhile by another request: its receipt, or a conflict), in order.
   * `repeats` are versions already stored whose hand-backs are noted again, in the same transaction.
   */
  async commitMany(
    workstationId: string,
    records: readonly RecordDescriptor[],
    source: 'upload' | 'bag',
    repeats: readonly RecordDescriptor[] = [],
  ): Promise<(Receipt | VersionConflictError)[]> {
    // A repeat without a hand-back has nothing to write: no transaction for it.
    if (records.length === 0 && !repeats.some((r) => r.isResult && r.handBack)) return [];
    const outcomes = await inHubTransaction(this.pool, async (client) => {
      const outcomes = await new HubRecordRepository(client).commitMany(workstationId, records, source, { keepFigures: true });
      await new HubHandBackRepository(client).note(workstationId, [
        ...repeats,
        ...records.filter((_, i) => !(outcomes[i] instanceof VersionConflictError)),
      ]);
      return outcomes;
    });
    this.folder?.noteCommit();
    return outcomes;
  }
}
