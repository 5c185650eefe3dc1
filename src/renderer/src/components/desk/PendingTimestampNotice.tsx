import { useState } from 'react';
import { useEngine } from '../../engine/engine-context';
import { useCallThenReload } from '../../hooks/use-call-then-reload';
import { useEngineQuery } from '../../hooks/use-engine-query';
import { errorMessage } from '../../i18n/error-messages';
import { useT } from '../../i18n/i18n-context';
import { countByCode } from '../count-by-code';
import { Notice } from '../Notice';
import { ErrorNotice } from './ErrorNotice';

/**
 * A dossier signed while the timestamp authority did not answer: says its records wait for the
 * timestamp (added on the next sync run), and adds it now at the clerk's request. A failure other
 * than the authority not answering (which the notice already says) is named with its code's message.
 */
export function PendingTimestampNotice({ dossierId, refresh }: { dossierId: number; refresh: unknown }) {
  const t = useT();
  const api = useEngine();
  const [stillDown, setStillDown] = useState(false);
  const pending = useEngineQuery(() => api['record.pendingTimestamps']({ dossierId }), [api, dossierId, refresh]);
  const stamp = useCallThenReload(
    () => api['record.addPendingTimestamps']({ dossierId }),
    (r) => {
      setStillDown(r.failed.some((f) => f.code === 'signer.timestamp-failed'));
      pending.reload();
    },
  );
  const count = pending.data?.documentIds.length ?? 0;
  const failures = countByCode((pending.data?.failures ?? []).filter((f) => f.code !== 'signer.timestamp-failed'));
  if (count === 0) return null;
  return (
    <Notice tone="info">
      <span className="pending-timestamp">
        {t('finalize.timestampPending', { count })}{' '}
        <button type="button" className="small" disabled={stamp.busy} onClick={() => stamp.trigger()}>
          {stamp.busy ? t('result.timestamping') : t('result.timestamp')}
        </button>
      </span>
      {stillDown && <span className="field-problem">{t('finalize.timestampStillDown')}</span>}
      {failures.map(([code, n]) => (
        <div key={code} className="field-problem timestamp-failed">
          {t('finalize.timestampFailed', { count: n, message: errorMessage(t, code) })}
        </div>
      ))}
      <ErrorNotice error={stamp.error} />
    </Notice>
  );
}
