import { UsageError } from '../../command';
import { contractCall } from '../../contract-call';
import { withEngine, type BatchArgs } from './batch-args';
import { findBatch } from './find-batch';

/** `--qc BATCH` prints the QC queue; `--approve BATCH [--dossier CODE…]` approves those named, or every one with nothing flagged. */
export function batchQcMode(args: BatchArgs): Promise<number> {
  const { values, io } = args;
  const ref = values.qc ?? values.approve!;
  const approve = values.approve !== undefined ? (values.dossier ?? 'clean') : null;
  return withEngine(args, async (engine) => {
    const call = contractCall(engine);
    const { id } = await findBatch(call, ref);
    if (approve !== null) {
      let dossierIds: number[] | undefined;
      if (approve !== 'clean') {
        const byCode = new Map((await call('batch.qc', { batchId: id })).dossiers.map((d) => [d.code, d.dossierId]));
        const missing = approve.find((code) => !byCode.has(code));
        if (missing !== undefined) throw new UsageError(`no dossier ${missing} in batch ${id}`);
        dossierIds = approve.map((code) => byCode.get(code)!);
      }
      const { approved } = await call('batch.approve', { batchId: id, dossierIds });
      io.out(`${approved.length} dossier(s) approved in batch ${id}`);
      return 0;
    }
    const { items } = await call('batch.qcItems', { batchId: id });
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
