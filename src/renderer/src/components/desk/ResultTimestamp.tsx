import type { RecordVerification } from '../../../../shared/types';
import { useEngine } from '../../engine/engine-context';
import { useCallThenReload } from '../../hooks/use-call-then-reload';
import { useEngineQuery } from '../../hooks/use-engine-query';
import { formatDateTime } from '../../i18n/format-date';
import { useLanguage, useT } from '../../i18n/i18n-context';
import { ErrorNotice } from './ErrorNotice';

/**
 * The result's time evidence: the timestamp it carries, or, on a signed result without one (signed
 * elsewhere, or while the authority did not answer), the action that adds a PAdES document timestamp.
 * Offered only when a timestamp authority is configured. Used at the desk and at the archive's QC.
 */
export function ResultTimestamp({
  documentId,
  verification,
  canAdd = true,
  onStamped,
}: {
  documentId: number;
  verification: RecordVerification | undefined;
  /** The signed-in role may add a timestamp (result.timestamp); otherwise only the one there is shown. */
  canAdd?: boolean;
  onStamped(): void;
}) {
  const t = useT();
  const { language } = useLanguage();
  const api = useEngine();
  const add = useCallThenReload(() => api['result.timestamp']({ documentId }), onStamped);
  const tsa = useEngineQuery(() => api['settings.get']({ key: 'signing.tsa-url' }), [api]);
  if (!verification || verification.signatures.length === 0) return null;
  const stamp = verification.timestamp;
  if (stamp)
    return (
      <span className={stamp.valid ? 'result-timestamp' : 'result-timestamp result-timestamp--invalid'}>
        {t(stamp.valid ? 'result.timestamped' : 'result.timestampInvalid', {
          time: formatDateTime(stamp.time, language),
          authority: stamp.authority,
        })}
      </span>
    );
  if (!canAdd || !tsa.data?.value) return null;
  return (
    <span className="result-timestamp">
      {t('result.noTimestamp')}{' '}
      <button type="button" className="small" disabled={add.busy} onClick={() => add.trigger()}>
        {add.busy ? t('result.timestamping') : t('result.timestamp')}
      </button>
      <ErrorNotice error={add.error} />
    </span>
  );
}
