import { useId, useState } from 'react';
import type { CertificateSummary } from '../../../../shared/types';
import { useEngine } from '../../engine/engine-context';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useT } from '../../i18n/i18n-context';
import { CertificateCard } from '../desk/CertificateCard';
import { ErrorNotice } from '../desk/ErrorNotice';

/**
 * The configured certificate file or token, opened only to read its subject, issuer and expiry
 * (the password or PIN goes to the engine once and is cleared here; nothing stays unlocked).
 */
export function InspectCertificateForm() {
  const t = useT();
  const api = useEngine();
  const id = useId();
  const [secret, setSecret] = useState('');
  const [certificate, setCertificate] = useState<CertificateSummary | null>(null);
  const action = useEngineAction();

  const submit = async () => {
    const found = await action.run(() => api['signer.inspect']({ secret }));
    setSecret('');
    setCertificate(found ?? null);
  };

  return (
    <div className="signer-certificate" role="region" aria-labelledby={id}>
      <h3 id={id}>{t('settings.inspectTitle')}</h3>
      <form
        className="unlock-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor={`${id}-secret`}>{t('settings.inspectSecret')}</label>
        <input id={`${id}-secret`} type="password" autoComplete="off" value={secret} onChange={(e) => setSecret(e.target.value)} />
        <button type="submit" disabled={action.busy || !secret}>
          {t('settings.inspect')}
        </button>
      </form>
      {certificate && <CertificateCard certificate={certificate} />}
      <ErrorNotice error={action.error} />
    </div>
  );
}
