import { useId, useState } from 'react';
import type { BatchQcView, QcDossier } from '../../../../shared/archive-types';
import { useEngine } from '../../engine/engine-context';
import { useEngineAction } from '../../hooks/use-engine-action';
import { reasonLabel } from '../../i18n/archive-labels';
import { useT } from '../../i18n/i18n-context';
import { ErrorNotice } from '../desk/ErrorNotice';
import { Notice } from '../Notice';

const needsLook = (d: QcDossier) => d.reasons.length > 0 || d.flaggedPages.length > 0;

/** The batch's QC queue, grouped by dossier with the reasons; approve one after a look, or every clean one at once. */
export function QcQueue({
  view,
  canAct,
  canView,
  onLook,
  onChanged,
}: {
  view: BatchQcView;
  canAct: boolean;
  canView: boolean;
  onLook(d: QcDossier): void;
  onChanged(): void;
}) {
  const t = useT();
  const api = useEngine();
  const id = useId();
  const action = useEngineAction();
  const batchId = view.batch.id;
  const flagged = view.dossiers.filter(needsLook);
  const cleanWaiting = view.dossiers.filter((d) => !needsLook(d) && !d.approved).length;
  const [lastApproved, setLastApproved] = useState<number | null>(null);
  const approve = async (dossierIds?: number[]) => {
    const r = await action.run(() => api['batch.approve']({ batchId, dossierIds }));
    if (r) {
      setLastApproved(r.approved.length);
      onChanged();
    }
  };
  return (
    <section className="card qc-queue" aria-labelledby={id}>
      <h2 id={id}>{t('archive.queue')}</h2>
      {flagged.length === 0 && <p className="empty">{t('archive.queueEmpty')}</p>}
      <ul className="qc-dossiers">
        {flagged.map((d) => (
          <li key={d.dossierId} className="qc-dossier" data-dossier-id={d.dossierId}>
            <h3>{t('archive.dossier', { code: d.code, box: d.box || '—', number: d.archiveNumber })}</h3>
            {d.title && <p>{t('archive.dossierTitle', { title: d.title })}</p>}
            <p>
              {d.expectedPages === null
                ? t('archive.pagesOnly', { pages: d.pages })
                : t('archive.pagesVsExpected', { pages: d.pages, expected: d.expectedPages })}
            </p>
            <ul className="qc-reasons">
              {d.reasons.map((r) => (
                <li key={r} className="flag">
                  {reasonLabel(t, r)}
                </li>
              ))}
              {d.flaggedPages.map((p) => (
                <li key={p.pageId} className="flag">
                  {t('archive.pageReasons', { n: p.position, reasons: p.reasons.map((r) => reasonLabel(t, r)).join(', ') })}
                </li>
              ))}
            </ul>
            <div className="qc-actions">
              {canView && (
                <button type="button" className="small" onClick={() => onLook(d)} aria-label={`${t('archive.look')} — ${d.code}`}>
                  {t('archive.look')}
                </button>
              )}
              {d.approved ? (
                <span className="badge">{t('archive.isApproved')}</span>
              ) : (
                canAct && (
                  <button
                    type="button"
                    className="small"
                    disabled={action.busy}
                    onClick={() => void approve([d.dossierId])}
                    aria-label={`${t('archive.approve')} — ${d.code}`}
                  >
                    {t('archive.approve')}
                  </button>
                )
              )}
              {d.signed && <span className="badge">{t('archive.isSigned')}</span>}
            </div>
          </li>
        ))}
      </ul>
      <p>{t('archive.cleanCount', { count: cleanWaiting })}</p>
      {canAct && (
        <button type="button" disabled={action.busy || cleanWaiting === 0} onClick={() => void approve()}>
          {t('archive.approveClean')}
        </button>
      )}
      {lastApproved !== null && <Notice tone="success">{t('archive.approved', { count: lastApproved })}</Notice>}
      <ErrorNotice error={action.error} />
    </section>
  );
}
