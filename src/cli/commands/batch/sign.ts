import { Engine } from '../../../core/engine';
import { BatchProgress } from '../../../shared/batch-progress';
import type { EngineEvents } from '../../../shared/contract';
import { contractCall } from '../../contract-call';
import type { BatchArgs } from './batch-args';
import { findBatch } from './find-batch';
import { signerChoice, unlockSigner } from './signer-choice';

/**
 * `--sign BATCH`: the approved, unsigned dossiers, signed through the contract as the QC station signs them
 * (`signer.unlock` once, then `batch.sign`, its progress from the engine's events); SIGINT stops after the
 * dossier in hand (`batch.signCancel`).
 */
export async function batchSignMode({ values, io, dataDir, key, actor }: BatchArgs): Promise<number> {
  const ref = values.sign!;
  const engineKey = key();
  const choice = signerChoice(values, io.env);
  const engine = Engine.open({ dataDir, key: engineKey, actor });
  const call = contractCall(engine);
  let batchId: number | undefined;
  let stopping = false;
  const cancel = () => {
    if (batchId !== undefined) void call('batch.signCancel', { batchId }).catch(() => undefined);
  };
  const stop = () => {
    if (!stopping) io.err('sohoa batch: stopping after the dossier being signed (run again to sign the rest)');
    stopping = true;
    cancel();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const progress = new BatchProgress(0);
  const unsubscribe = engine.events.subscribe((event, payload) => {
    const p = payload as EngineEvents['progress'];
    if (event !== 'progress' || p.task !== `batch-sign:${batchId}` || p.label !== 'batch-sign') return;
    io.err(`sohoa batch: signing ${progress.line(p.done, p.total, Date.now(), 'dossiers')}`);
    // Told to stop before the run had begun: it stops at its first step.
    if (stopping) cancel();
  });
  try {
    const id = (await findBatch(call, ref)).id;
    const subject = await unlockSigner(call, choice);
    batchId = id;
    const result = await call('batch.sign', { batchId: id });
    if (values.json) io.out(JSON.stringify(result, null, 2));
    else {
      io.out(
        `Ký số lô / signed batch ${id} as ${subject}: ${result.signed.length} of ${result.total} dossier(s), ${result.documentsSigned} record(s)${result.cancelled ? '; stopped before the end' : ''}`,
      );
      for (const s of result.skipped) io.out(`  not signed: dossier ${s.dossierId} (${s.code})`);
    }
    return 0;
  } finally {
    unsubscribe();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await engine.close();
  }
}
