import type { ReactNode } from 'react';
import type { DocumentSummary } from '../../../../shared/types';
import { useRecordVerification } from '../../hooks/use-record-verification';
import { useT } from '../../i18n/i18n-context';
import { resultKindKey } from './result-kind-key';
import { ResultSignatureStatus } from './ResultSignatureStatus';
import { ResultTimestamp } from './ResultTimestamp';

/** One result document at the desk: its kind, whose signature it carries, its time evidence, and the sign action. */
export function ResultRow({ doc, signAction, onStamped }: { doc: DocumentSummary; signAction?: ReactNode; onStamped(): void }) {
  const t = useT();
  const verification = useRecordVerification(doc.record?.id);
  return (
    <div className="result-row">
      <span>
        {t(resultKindKey(doc.resultKind))} · <ResultSignatureStatus record={doc.record} verification={verification} />
      </span>
      {signAction}
      {doc.record && <ResultTimestamp documentId={doc.id} verification={verification} onStamped={onStamped} />}
    </div>
  );
}
