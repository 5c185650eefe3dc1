import { UsageError } from '../../command';
import { BatchService } from '../../../core/archive/batch-service';
import { withEngine, type BatchArgs } from './batch-args';

/** `--qc BATCH` prints the QC queue; `--approve BATCH [--dossier CODE…]` approves those named, or every one with nothing flagged. */
export function batchQcMode(args: BatchArgs): Promise<number> {
  const { values, io } = args;
  const ref = values.qc ?? values.approve!;
  const approve = values.approve !== undefined ? (values.dossier ?? 'clean') : null;
  return withEngine(args, async (engine) => {
    const batches = new BatchService(engine);
    const id = await batches.find(ref);
    if (approve !== null) {
      const { ids, missing } = batches.dossiersByCode(id, approve === 'clean' ? [] : approve);
      if (missing.length) throw new UsageError(`no dossier ${missing[0]} in batch ${id}`);
      const approved = await batches.approve(id, approve === 'clean' ? 'clean' : ids);
      io.out(`${approved.length} dossier(s) approved in batch ${id}`);
      return 0;
    }
    const { items } = await batches.qcQueue(String(id));
    if (values.json) io.out(JSON.stringify(items, null, 2));
    else {
      io.out(`QC lô / batch ${id}: ${items.length} item(s)`);
      for (const i of items)
        io.out(
          `  ${i.kind} ${i.dossierCode ?? `${i.box}/${i.archiveNumber}`}${i.source ? ` ${i.source}` : ''}: ${i.reasons.join(', ')}${i.approved ? ' (approved)' : ''}`,
        );
    }
    return 0;
  });
}
