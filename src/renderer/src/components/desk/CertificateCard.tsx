import type { CertificateSummary } from '../../../../shared/types';
import { formatDateTime } from '../../i18n/format-date';
import { useLanguage, useT } from '../../i18n/i18n-context';
import { Notice } from '../Notice';

const DAY_MS = 86_400_000;
/** A certificate this close to its end is flagged for renewal. */
const WARN_DAYS = 30;

/** A certificate's subject, issuer and end of validity, with a warning when it has expired or ends within 30 days. */
export function CertificateCard({ certificate, title, now = new Date() }: { certificate: CertificateSummary; title?: string; now?: Date }) {
  const t = useT();
  const { language } = useLanguage();
  const until = formatDateTime(certificate.notAfter, language);
  const daysLeft = Math.floor((Date.parse(certificate.notAfter) - now.getTime()) / DAY_MS);
  return (
    <div className="certificate-card" aria-label={title ?? t('cert.title')} role="group">
      <dl>
        <dt>{t('cert.subject')}</dt>
        <dd className="certificate-cn">{certificate.commonName}</dd>
        {certificate.organization && (
          <>
            <dt>{t('cert.organization')}</dt>
            <dd>{certificate.organization}</dd>
          </>
        )}
        <dt>{t('cert.issuer')}</dt>
        <dd>{certificate.issuer}</dd>
        <dt>{t('cert.validUntil')}</dt>
        <dd className="certificate-until">{until}</dd>
      </dl>
      {daysLeft < 0 ? (
        <Notice tone="error">{t('cert.expired', { date: until })}</Notice>
      ) : daysLeft <= WARN_DAYS ? (
        <Notice tone="error">{t('cert.expiresSoon', { days: daysLeft, date: until })}</Notice>
      ) : null}
    </div>
  );
}
