import { useId, useState } from 'react';
import { RESULT_KINDS, type ResultKind } from '../../../../shared/result-contract';
import type { DocumentSummary } from '../../../../shared/types';
import { useEngine } from '../../engine/engine-context';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useT } from '../../i18n/i18n-context';
import { ErrorNotice } from '../desk/ErrorNotice';

/** At QC: marks an archive dossier's document as the dossier's result (kết quả giải quyết), with its kind, or takes the mark off. */
export function ResultMark({
  batchId,
  document,
  canMark,
  onChanged,
}: {
  batchId: number;
  document: DocumentSummary;
  canMark: boolean;
  onChanged(): void;
}) {
  const t = useT();
  const api = useEngine();
  const id = useId();
  const action = useEngineAction();
  const [kind, setKind] = useState<ResultKind>((document.resultKind as ResultKind | null) ?? 'khac');
  const mark = async (isResult: boolean) => {
    const r = await action.run(() => api['batch.markResult']({ batchId, documentId: document.id, isResult, kind }));
    if (r) onChanged();
  };
  return (
    <div className="result-mark" data-document-id={document.id}>
      {document.isResult ? (
        <p>
          <span className="badge">
            {t('archive.resultMarked', { kind: t(`result.kind.${(document.resultKind ?? 'khac') as ResultKind}`) })}
          </span>
          {canMark && (
            <button type="button" className="small" disabled={action.busy} onClick={() => void mark(false)}>
              {t('archive.unmarkResult')}
            </button>
          )}
        </p>
      ) : (
        canMark && (
          <p>
            <label htmlFor={`${id}-kind`}>{t('result.kind')}</label>{' '}
            <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as ResultKind)}>
              {RESULT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`result.kind.${k}`)}
                </option>
              ))}
            </select>{' '}
            <button type="button" className="small" disabled={action.busy} onClick={() => void mark(true)}>
              {t('archive.markResult')}
            </button>
          </p>
        )
      )}
      <ErrorNotice error={action.error} />
    </div>
  );
}
