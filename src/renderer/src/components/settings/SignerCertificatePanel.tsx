import { useEngine } from '../../engine/engine-context';
import { useEngineQuery } from '../../hooks/use-engine-query';
import { useT } from '../../i18n/i18n-context';
import { CertificateCard } from '../desk/CertificateCard';

/** The signing certificate this session unlocked: subject, issuer and expiry (with its warning), for those who sign. */
export function SignerCertificatePanel() {
  const t = useT();
  const api = useEngine();
  const status = useEngineQuery(() => api['signer.status']({}), [api]);
  const certificate = status.data?.certificate;
  return (
    <div className="signer-certificate">
      <h3>{t('settings.signerHeld')}</h3>
      {certificate ? (
        <CertificateCard certificate={certificate} />
      ) : status.data ? (
        <p className="field-hint">{t('settings.signerLocked')}</p>
      ) : null}
    </div>
  );
}
