import { useState } from 'react';
import { useEngine } from '../../engine/engine-context';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useEngineQuery } from '../../hooks/use-engine-query';
import { useT } from '../../i18n/i18n-context';
import { Notice } from '../Notice';
import { ErrorNotice } from './ErrorNotice';

/**
 * A dossier signed while the timestamp authority did not answer: says its records wait for the
 * timestamp (added on the next sync run), and adds it now at the clerk's request.
 */
export function PendingTimestampNotice({ dossierId, refresh }: { dossierId: number; refresh: unknown }) {
  const t = useT();
  const api = useEngine();
  const action = useEngineAction();
  const [stillDown, setStillDown] = useState(false);
  const pending = useEngineQuery(() => api['record.pendingTimestamps']({ dossierId }), [api, dossierId, refresh]);
  const count = pending.data?.documentIds.length ?? 0;
  if (count === 0) return null;
  return (
    <Notice tone="info">
      <span className="pending-timestamp">
        {t('finalize.timestampPending', { count })}{' '}
        <button
          type="button"
          className="small"
          disabled={action.busy}
          onClick={() =>
            void action.run(async () => {
              const r = await api['record.addPendingTimestamps']({ dossierId });
              setStillDown(r.stillPending.length > 0);
              pending.reload();
            })
          }
        >
          {action.busy ? t('result.timestamping') : t('result.timestamp')}
        </button>
      </span>
      {stillDown && <span className="field-problem">{t('finalize.timestampStillDown')}</span>}
      <ErrorNotice error={action.error} />
    </Notice>
  );
}
