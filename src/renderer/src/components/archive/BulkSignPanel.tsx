import { useId, useState } from 'react';
import type { BatchSignResult, BatchSummary } from '../../../../shared/archive-types';
import { useEngine, useEngineEvent } from '../../engine/engine-context';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useEngineQuery } from '../../hooks/use-engine-query';
import { useT } from '../../i18n/i18n-context';
import { ErrorNotice } from '../desk/ErrorNotice';
import { CertificateCard } from '../desk/CertificateCard';
import { SignerUnlock } from '../desk/SignerUnlock';
import { Notice } from '../Notice';

/**
 * "Ký số hàng loạt": the certificate (file password or token PIN) is unlocked once for the session,
 * then every approved, unsigned dossier of the batch is signed, with progress and a way to stop.
 */
export function BulkSignPanel({ batch, canUnlock, onChanged }: { batch: BatchSummary; canUnlock: boolean; onChanged(): void }) {
  const t = useT();
  const api = useEngine();
  const id = useId();
  const signer = useEngineQuery(() => api['signer.status']({}), [api]);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<BatchSignResult | null>(null);
  const sign = useEngineAction();
  const cancel = useEngineAction();

  useEngineEvent('progress', (p) => {
    if (p.task !== `batch-sign:${batch.id}`) return;
    setProgress(p.label === 'batch-sign' ? { done: p.done, total: p.total } : null);
  });

  const start = async () => {
    setResult(null);
    const r = await sign.run(() => api['batch.sign']({ batchId: batch.id }));
    setProgress(null);
    if (r) setResult(r);
    onChanged();
  };

  const shown = progress ?? batch.signing;
  const unlocked = signer.data?.unlocked === true;
  return (
    <section className="card bulk-sign" aria-labelledby={id}>
      <h2 id={id}>{t('archive.sign')}</h2>
      <p className="hint">{t('archive.signHint')}</p>
      <p>{t('archive.toSign', { count: batch.dossiers.toSign })}</p>
      {signer.data && !unlocked && canUnlock && <SignerUnlock status={signer.data} onUnlocked={() => signer.reload()} />}
      {unlocked && <p className="signer-subject">{t('finalize.unlocked', { subject: signer.data?.subject ?? '' })}</p>}
      {signer.data?.certificate && <CertificateCard certificate={signer.data.certificate} />}
      <button
        type="button"
        className="primary"
        disabled={!unlocked || sign.busy || shown !== null || batch.dossiers.toSign === 0}
        onClick={() => void start()}
      >
        {t('archive.sign')}
      </button>
      {shown && (
        <div role="status" className="sign-progress">
          <p>{t('archive.signing', { done: shown.done, total: shown.total })}</p>
          <progress max={Math.max(shown.total, 1)} value={shown.done} />
          <button
            type="button"
            className="small"
            disabled={cancel.busy}
            onClick={() => void cancel.run(() => api['batch.signCancel']({ batchId: batch.id }))}
          >
            {t('archive.signCancel')}
          </button>
        </div>
      )}
      {result && !result.cancelled && (
        <Notice tone="success">{t('archive.signed', { count: result.signed.length, documents: result.documentsSigned })}</Notice>
      )}
      {result?.cancelled && <Notice tone="info">{t('archive.signStopped', { count: result.signed.length })}</Notice>}
      {result && result.skipped.length > 0 && <Notice tone="info">{t('archive.signSkipped', { count: result.skipped.length })}</Notice>}
      <ErrorNotice error={sign.error ?? cancel.error} />
    </section>
  );
}
