import type { RecordSummary } from '../../../../shared/types';
import { useEngine } from '../../engine/engine-context';
import { useEngineQuery } from '../../hooks/use-engine-query';
import { useT } from '../../i18n/i18n-context';

/** The record's signature, checked by the engine on the stored bytes. */
export function RecordBadge({ record }: { record: RecordSummary }) {
  const t = useT();
  const api = useEngine();
  const check = useEngineQuery(
    () => (record.signed ? api['record.verify']({ recordId: record.id }) : Promise.resolve(null)),
    [api, record.id, record.signed],
  );
  if (!record.signed) return <span className="badge badge--muted">{t('badge.unsigned')}</span>;
  if (!check.data) return <span className="badge badge--muted">{t('badge.checking')}</span>;
  const valid = check.data.intact;
  const signer = check.data.signatures[0]?.signer ?? '';
  // Sound signatures whose issuer no configured root vouches for are not called invalid: the agency's root is missing.
  if (!valid && check.data.code === 'record.signer-untrusted') {
    return (
      <span className="badge badge--untrusted" role="status" title={t('badge.untrustedHint')}>
        {t('badge.untrusted', { signer })}
      </span>
    );
  }
  return (
    <span className={valid ? 'badge badge--valid' : 'badge badge--invalid'} role="status">
      {valid ? t('badge.valid', { signer }) : t('badge.invalid')}
    </span>
  );
}
