import { useId, useState } from 'react';
import { RESULT_KINDS, type ResultKind } from '../../../../shared/result-contract';
import type { DocumentSummary } from '../../../../shared/types';
import { useEngine } from '../../engine/engine-context';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useT } from '../../i18n/i18n-context';
import { ErrorNotice } from '../desk/ErrorNotice';

/**
 * At QC: the pages ticked on the thumbnails (all of one document) move into a new document of the
 * dossier, marked as its result with its kind; the rest stays the folder's document.
 */
export function ResultSplit({
  batchId,
  documents,
  chosen,
  onSplit,
}: {
  batchId: number;
  documents: DocumentSummary[];
  chosen: number[];
  onSplit(): void;
}) {
  const t = useT();
  const api = useEngine();
  const id = useId();
  const action = useEngineAction();
  const [kind, setKind] = useState<ResultKind>('quyet-dinh');
  // The engine refuses pages of two documents, or every page of one, with a coded error shown below.
  const source = documents.find((d) => d.pages.some((p) => chosen.includes(p.id))) ?? null;
  const split = async () => {
    if (!source) return;
    const r = await action.run(() => api['batch.splitResult']({ batchId, documentId: source.id, pageIds: chosen, kind }));
    if (r) onSplit();
  };
  return (
    <div className="result-split" role="group" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`}>
        <strong>{t('archive.splitChosen', { n: chosen.length })}</strong>
      </p>
      <p>
        <label htmlFor={`${id}-kind`}>{t('archive.splitKind')}</label>{' '}
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as ResultKind)}>
          {RESULT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`result.kind.${k}`)}
            </option>
          ))}
        </select>{' '}
        <button type="button" className="primary small" disabled={action.busy || !source} onClick={() => void split()}>
          {t('archive.splitResult')}
        </button>
      </p>
      <ErrorNotice error={action.error} />
    </div>
  );
}
