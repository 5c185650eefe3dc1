import { useState } from 'react';
import { AuditDetails } from '../components/AuditDetails';
import { Notice } from '../components/Notice';
import { SelectField } from '../components/SelectField';
import { DateField } from '../components/DateField';
import { TextField } from '../components/TextField';
import { errorCode } from '../engine/engine-errors';
import { AUDIT_PAGE_SIZE, useAuditLog, type AuditFilterForm } from '../hooks/use-audit-log';
import { useEngineAction } from '../hooks/use-engine-action';
import { AUDIT_ACTION_LABELS, auditActionLabel } from '../i18n/audit-action-labels';
import { auditSubjectText } from '../i18n/audit-subject-text';
import { errorMessage } from '../i18n/error-messages';
import { formatDateTime } from '../i18n/format-date';
import { useLanguage, useT } from '../i18n/i18n-context';

/** Hands a CSV to the browser as a download. */
function download(csv: string, name: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** "Nhật ký": the hash-chained audit log, filtered by day, user, action (chosen by its label) and subject, a page at a time, exportable as CSV. */
export function AuditPage() {
  const t = useT();
  const { language } = useLanguage();
  const log = useAuditLog();
  const exporting = useEngineAction();
  const [form, setForm] = useState<AuditFilterForm>(log.applied);
  const [exported, setExported] = useState<number | null>(null);
  const set = (key: keyof AuditFilterForm) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const data = log.query.data;
  const actionOptions = [
    { value: '', label: t('audit.actionAll') },
    ...Object.keys(AUDIT_ACTION_LABELS)
      .map((action) => ({ value: action, label: auditActionLabel(t, action) }))
      .sort((a, b) => a.label.localeCompare(b.label, language)),
  ];

  const exportCsv = async () => {
    setExported(null);
    const result = await exporting.run(log.exportCsv);
    if (result?.csv !== undefined) {
      download(result.csv, `nhat-ky-${new Date().toISOString().slice(0, 10)}.csv`);
      setExported(result.rows);
    }
  };

  return (
    <>
      <h1>{t('audit.title')}</h1>
      <section className="card">
        <p>{t('audit.intro')}</p>
        <form
          className="audit-filter"
          onSubmit={(e) => {
            e.preventDefault();
            log.apply(form);
          }}
        >
          <DateField label={t('audit.from')} value={form.from} onChange={set('from')} />
          <DateField label={t('audit.to')} value={form.to} onChange={set('to')} />
          <TextField label={t('audit.actor')} value={form.actor} onChange={set('actor')} />
          <SelectField label={t('audit.action')} value={form.action} options={actionOptions} onChange={set('action')} />
          <TextField label={t('audit.text')} value={form.text} onChange={set('text')} hint={t('audit.textHint')} />
          <div className="button-row">
            <button type="submit" className="primary">
              {t('audit.apply')}
            </button>
            <button type="button" onClick={() => void exportCsv()} aria-busy={exporting.busy}>
              {t('audit.export')}
            </button>
          </div>
        </form>
        {exported !== null && <Notice tone="success">{t('audit.exported', { rows: exported })}</Notice>}
        {exporting.error ? <Notice tone="error">{errorMessage(t, errorCode(exporting.error))}</Notice> : null}
        {log.query.error ? <Notice tone="error">{errorMessage(t, errorCode(log.query.error))}</Notice> : null}
        {data && data.items.length === 0 && <p className="empty">{t('audit.empty')}</p>}
        {data && data.items.length > 0 && (
          <>
            <div className="list-header">
              <p className="count">
                {t('audit.count', { first: log.offset + 1, last: log.offset + data.items.length, total: data.total })}
              </p>
              <div className="button-row">
                <button
                  type="button"
                  className="small"
                  disabled={log.offset === 0}
                  onClick={() => log.setOffset(Math.max(0, log.offset - AUDIT_PAGE_SIZE))}
                >
                  {t('audit.prev')}
                </button>
                <button
                  type="button"
                  className="small"
                  disabled={log.offset + AUDIT_PAGE_SIZE >= data.total}
                  onClick={() => log.setOffset(log.offset + AUDIT_PAGE_SIZE)}
                >
                  {t('audit.next')}
                </button>
              </div>
            </div>
            <div className="table-scroll">
              <table className="dossier-table audit-table">
                <thead>
                  <tr>
                    <th scope="col">{t('audit.col.at')}</th>
                    <th scope="col">{t('audit.col.actor')}</th>
                    <th scope="col">{t('audit.col.action')}</th>
                    <th scope="col">{t('audit.col.subject')}</th>
                    <th scope="col">{t('audit.col.workstation')}</th>
                    <th scope="col">{t('audit.col.details')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((e) => (
                    <tr key={e.seq} data-seq={e.seq}>
                      <td className="date">{formatDateTime(e.at, language, true)}</td>
                      <td>{e.actor}</td>
                      <td className="audit-action" title={e.action}>
                        {auditActionLabel(t, e.action)}
                      </td>
                      <td className="audit-subject">{auditSubjectText(t, language, e.subjectView)}</td>
                      <td className="code">{e.workstationId?.slice(0, 8) ?? '—'}</td>
                      <td>
                        <AuditDetails details={e.details} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </>
  );
}
