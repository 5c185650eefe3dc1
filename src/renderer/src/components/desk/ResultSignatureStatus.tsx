import type { RecordSummary, RecordVerification } from '../../../../shared/types';
import { useT } from '../../i18n/i18n-context';

/**
 * Whose signature a result carries: SoHoa's (the agency's electronic copy), else the issuing agency's
 * when the PDF came from the specialised system already signed (with "+ dấu thời gian" once SoHoa's
 * document timestamp is on it), else none yet.
 */
export function ResultSignatureStatus({
  record,
  verification,
}: {
  record: RecordSummary | null;
  verification: RecordVerification | undefined;
}) {
  const t = useT();
  if (!record) return <>{t('result.noRecord')}</>;
  if (record.signed) return <>{t('result.signed')}</>;
  const issuer = verification?.signatures[0];
  if (!issuer) return <>{t(verification ? 'result.unsigned' : 'result.checking')}</>;
  const stamped = verification.timestamp?.kind === 'document';
  return (
    <span className="result-signed-elsewhere">
      {t('result.signedBy', { signer: issuer.signer || t('result.signerUnknown') })}
      {stamped && ` ${t('result.plusTimestamp')}`}
    </span>
  );
}
