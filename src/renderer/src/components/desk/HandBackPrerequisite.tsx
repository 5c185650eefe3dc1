import type { DocumentSummary } from '../../../../shared/types';
import { useRecordVerification } from '../../hooks/use-record-verification';
import { useT } from '../../i18n/i18n-context';
import { Notice } from '../Notice';

/**
 * What the result still needs before the hand-back: SoHoa's signature, or, for a PDF already signed
 * elsewhere, SoHoa's document timestamp (or a counter-signature), so the issuer's signature is left as it is.
 */
export function HandBackPrerequisite({ results }: { results: DocumentSummary[] }) {
  const t = useT();
  const latest = results.filter((d) => d.record).at(-1);
  const verification = useRecordVerification(latest?.record?.id);
  const signedElsewhere = !!verification && verification.signatures.length > 0;
  return <Notice tone="info">{t(signedElsewhere ? 'result.timestampFirst' : 'result.signFirst')}</Notice>;
}
