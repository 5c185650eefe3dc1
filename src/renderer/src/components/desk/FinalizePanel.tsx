import { useEffect, useId, useState } from 'react';
import type { FinalizeProgress, FinalizeResult } from '../../../../shared/types';
import { useEngine, useEngineEvent } from '../../engine/engine-context';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useEngineQuery } from '../../hooks/use-engine-query';
import { errorCode } from '../../engine/engine-errors';
import { useT } from '../../i18n/i18n-context';
import { Notice } from '../Notice';
import { ErrorNotice } from './ErrorNotice';
import { CertificateCard } from './CertificateCard';
import { PendingTimestampNotice } from './PendingTimestampNotice';
import { SignerUnlock } from './SignerUnlock';

/**
 * Signs and files the dossier. The certificate is unlocked once per session (the engine keeps it in
 * memory only); the progress is the engine's, so a window opened meanwhile shows where it stands.
 */
export function FinalizePanel({
  dossierId,
  finalized,
  engineProgress,
  finalizeRequest,
  missingComponents,
}: {
  dossierId: number;
  finalized: boolean;
  engineProgress: FinalizeProgress | null;
  finalizeRequest: number;
  /** The procedure's components with no document: listed, and confirmed by the clerk, before signing. */
  missingComponents: string[];
}) {
  const t = useT();
  const api = useEngine();
  const id = useId();
  const signer = useEngineQuery(() => api['signer.status']({}), [api]);
  const [progress, setProgress] = useState<FinalizeProgress | null>(null);
  const [result, setResult] = useState<FinalizeResult | null>(null);
  const finalize = useEngineAction();
  const [confirming, setConfirming] = useState(false);
  const missingId = useId();

  useEngineEvent('progress', (p) => {
    if (p.task === `finalize:${dossierId}`) setProgress({ done: p.done, total: p.total });
  });

  const doFinalize = async (confirmMissing = false) => {
    if (!signer.data?.unlocked || finalize.busy) return;
    if (missingComponents.length > 0 && !confirmMissing) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    const r = await finalize.run(async () => {
      try {
        return await api['dossier.finalize']({ dossierId, confirmMissing });
      } catch (e) {
        // Locked meanwhile (sign-out, screen lock, idle time): show the unlock form again.
        if (errorCode(e) === 'signer.locked') signer.reload();
        throw e;
      }
    });
    if (r) setResult(r);
    setProgress(null);
  };

  useEffect(() => {
    if (finalizeRequest > 0) void doFinalize();
    // Only a new request from the keyboard shortcut starts it.
  }, [finalizeRequest]);

  const shown = progress ?? engineProgress;
  return (
    <section className="card finalize-panel" aria-labelledby={id}>
      <h2 id={id}>{t('finalize.title')}</h2>
      {signer.data && !signer.data.unlocked && <SignerUnlock status={signer.data} onUnlocked={() => signer.reload()} />}
      {signer.data?.unlocked && <p className="signer-subject">{t('finalize.unlocked', { subject: signer.data.subject ?? '' })}</p>}
      {signer.data?.certificate && <CertificateCard certificate={signer.data.certificate} />}
      <button
        type="button"
        className="primary"
        onClick={() => void doFinalize()}
        disabled={!signer.data?.unlocked || finalize.busy || shown !== null || finalized}
      >
        {t('finalize.submit')}
      </button>
      {confirming && !finalized && (
        <div role="alertdialog" aria-labelledby={missingId} className="missing-components">
          <p id={missingId}>{t('finalize.missingTitle')}</p>
          <ul>
            {missingComponents.map((c) => (
              <li key={c}>{t('finalize.missingItem', { component: c })}</li>
            ))}
          </ul>
          <button type="button" className="primary" onClick={() => void doFinalize(true)} disabled={finalize.busy}>
            {t('finalize.confirmMissing')}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            {t('finalize.cancelMissing')}
          </button>
        </div>
      )}
      {shown && (
        <div role="status">
          <p>{t('finalize.progress', { done: shown.done, total: shown.total })}</p>
          <progress max={shown.total} value={shown.done} />
        </div>
      )}
      {result && <Notice tone="success">{t('finalize.done', { count: result.signed.length + result.alreadySigned.length })}</Notice>}
      {!result && finalized && <Notice tone="info">{t('finalize.finalized')}</Notice>}
      {(result || finalized) && <PendingTimestampNotice dossierId={dossierId} refresh={result} />}
      <ErrorNotice error={finalize.error} />
    </section>
  );
}
