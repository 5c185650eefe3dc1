import type { Dossier } from '../../../shared/types';
import { useOpenDesk } from '../app/desk-opener';
import { formatDate } from '../i18n/format-date';
import { useLanguage, useT } from '../i18n/i18n-context';
import { statusLabel } from '../i18n/status-labels';

/** The dossiers as a table, newest first, as the engine returned them. */
export function DossierTable({ dossiers, captionId }: { dossiers: Dossier[]; captionId: string }) {
  const t = useT();
  const { language } = useLanguage();
  const open = useOpenDesk();
  return (
    <table className="dossier-table" aria-labelledby={captionId}>
      <thead>
        <tr>
          <th scope="col">{t('intake.col.code')}</th>
          <th scope="col">{t('intake.col.applicant')}</th>
          <th scope="col">{t('intake.col.procedure')}</th>
          <th scope="col">{t('intake.col.received')}</th>
          <th scope="col">{t('intake.col.due')}</th>
          <th scope="col">{t('intake.col.status')}</th>
        </tr>
      </thead>
      <tbody>
        {dossiers.map((d) => (
          <tr key={d.id}>
            <th scope="row" className="code">
              <button type="button" className="link-button" aria-label={t('intake.open', { code: d.code })} onClick={() => open(d.id)}>
                {d.code}
              </button>
            </th>
            <td className="applicant">{d.applicantName ?? '—'}</td>
            <td className="procedure">{d.procedureName ?? d.procedureCode ?? '—'}</td>
            <td className="date">{formatDate(d.receivedDate, language)}</td>
            <td className="date">{formatDate(d.dueDate, language)}</td>
            <td>
              <span className={`status status--${d.status}`}>{statusLabel(t, d.status)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
