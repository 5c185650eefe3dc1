import { BatchProgress } from '../../../core/archive/batch-progress';
import { BatchService } from '../../../core/archive/batch-service';
import { SignerSession } from '../../../core/desk/signer-session';
import { Engine } from '../../../core/engine';
import type { BatchArgs } from './batch-args';
import { signerChoice } from './signer-choice';

/** `--sign BATCH`: the approved, unsigned dossiers, the signer opened once for the whole run; SIGINT stops after the dossier in hand. */
export async function batchSignMode({ values, io, dataDir, key, actor }: BatchArgs): Promise<number> {
  const ref = values.sign!;
  const engineKey = key();
  const choice = signerChoice(values, io.env);
  const engine = Engine.open({ dataDir, key: engineKey, actor });
  const session = new SignerSession();
  const abort = new AbortController();
  const stop = () => {
    if (!abort.signal.aborted) io.err('sohoa batch: stopping after the dossier being signed (run again to sign the rest)');
    abort.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    const batches = new BatchService(engine);
    const id = await batches.find(ref);
    const subject = await batches.unlockSigner(session, choice, actor);
    const progress = new BatchProgress(0);
    const result = await batches.sign(id, session, actor, {
      signal: abort.signal,
      onProgress: (p) => io.err(`sohoa batch: signing ${progress.line(p.done, p.total, Date.now(), 'dossiers')}`),
    });
    if (values.json) io.out(JSON.stringify(result, null, 2));
    else {
      io.out(
        `Ký số lô / signed batch ${id} as ${subject}: ${result.signed.length} of ${result.total} dossier(s), ${result.documentsSigned} record(s)${result.cancelled ? '; stopped before the end' : ''}`,
      );
      for (const s of result.skipped) io.out(`  not signed: dossier ${s.dossierId} (${s.code})`);
    }
    return 0;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await session.lock();
    await engine.close();
  }
}
