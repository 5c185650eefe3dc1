import type { DocumentSummary } from '../../../../shared/types';
import { useRecordVerification } from '../../hooks/use-record-verification';
import { ResultSignatureStatus } from '../desk/ResultSignatureStatus';
import { ResultTimestamp } from '../desk/ResultTimestamp';

/**
 * At QC, under the result document's mark: whose signature its record carries and its time evidence,
 * with the desk's "Gắn dấu thời gian" on a result signed elsewhere (the same engine call, result.timestamp).
 */
export function QcResultEvidence({ doc, canTimestamp, onStamped }: { doc: DocumentSummary; canTimestamp: boolean; onStamped(): void }) {
  const verification = useRecordVerification(doc.record?.id);
  if (!doc.record) return null;
  return (
    <div className="result-row qc-result-evidence">
      <ResultSignatureStatus record={doc.record} verification={verification} />
      <ResultTimestamp documentId={doc.id} verification={verification} canAdd={canTimestamp} onStamped={onStamped} />
    </div>
  );
}
