import type { ReactNode } from 'react';
import type { DocumentSummary } from '../../../../shared/types';
import { useEngine } from '../../engine/engine-context';
import { useEngineQuery } from '../../hooks/use-engine-query';
import { useT } from '../../i18n/i18n-context';
import { resultKindKey } from './result-kind-key';
import { ResultSignatureStatus } from './ResultSignatureStatus';
import { ResultTimestamp } from './ResultTimestamp';

/** One result document: its kind, whose signature it carries, its time evidence, and the desk's sign action. */
export function ResultRow({ doc, signAction, onStamped }: { doc: DocumentSummary; signAction?: ReactNode; onStamped(): void }) {
  const t = useT();
  const api = useEngine();
  const recordId = doc.record?.id;
  const check = useEngineQuery(async () => (recordId ? api['record.verify']({ recordId }) : undefined), [api, recordId]);
  return (
    <div className="result-row">
      <span>
        {t(resultKindKey(doc.resultKind))} · <ResultSignatureStatus record={doc.record} verification={check.data} />
      </span>
      {signAction}
      {doc.record && <ResultTimestamp documentId={doc.id} verification={check.data} onStamped={onStamped} />}
    </div>
  );
}
