import type { BatchSummary } from '../../../../shared/archive-types';
import { batchStateLabel } from '../../i18n/archive-labels';
import { useT } from '../../i18n/i18n-context';
import { BatchControls } from './BatchControls';
import { BatchProgressCell } from './BatchProgressCell';

/** The archive team's batches: progress, reconciliation and QC at a glance, and what can be done with each. */
export function BatchList({
  batches,
  canControl,
  onOpen,
  onChanged,
}: {
  batches: BatchSummary[];
  canControl: boolean;
  onOpen(id: number): void;
  onChanged(): void;
}) {
  const t = useT();
  if (batches.length === 0) return <p className="empty">{t('archive.noBatches')}</p>;
  return (
    <div className="table-scroll">
      <table className="dossier-table batch-table">
        <thead>
          <tr>
            <th scope="col">{t('archive.col.batch')}</th>
            <th scope="col">{t('archive.col.state')}</th>
            <th scope="col">{t('archive.col.progress')}</th>
            <th scope="col">{t('archive.col.register')}</th>
            <th scope="col">{t('archive.col.dossiers')}</th>
            <th scope="col">{t('archive.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {batches.map((b) => (
            <tr key={b.id} data-batch-id={b.id}>
              <th scope="row">
                {t('archive.batchName', { id: b.id, name: b.name })}
                <div className="code">{b.source}</div>
              </th>
              <td>
                <span className={`status batch-state batch-state--${b.state}`}>{batchStateLabel(t, b.state)}</span>
              </td>
              <td>
                <BatchProgressCell batch={b} />
              </td>
              <td>
                {t('archive.registerShort', {
                  registered: b.reconciliation.registered,
                  found: b.reconciliation.found,
                  mismatches: b.reconciliation.countMismatches,
                  missing: b.reconciliation.missing,
                })}
              </td>
              <td>{t('archive.dossiersShort', { approved: b.dossiers.approved, total: b.dossiers.total, signed: b.dossiers.signed })}</td>
              <td>
                <button
                  type="button"
                  className="small"
                  onClick={() => onOpen(b.id)}
                  aria-label={`${t('archive.open')} — ${t('archive.batchName', { id: b.id, name: b.name })}`}
                >
                  {t('archive.open')}
                </button>
                {canControl && <BatchControls batch={b} onChanged={onChanged} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
