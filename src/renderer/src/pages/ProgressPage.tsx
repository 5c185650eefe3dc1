import { Notice } from '../components/Notice';
import { StatTile } from '../components/StatTile';
import { SyncPanel } from '../components/SyncPanel';
import { errorCode } from '../engine/engine-errors';
import { useStatusReport } from '../hooks/use-status-report';
import { errorMessage } from '../i18n/error-messages';
import { useT } from '../i18n/i18n-context';

export function ProgressPage() {
  const t = useT();
  const status = useStatusReport();
  const s = status.data;
  return (
    <>
      <h1>{t('progress.title')}</h1>
      <section className="card">
        <div className="list-header">
          <p>{t('progress.intro')}</p>
          <button type="button" onClick={status.reload}>
            {t('progress.refresh')}
          </button>
        </div>
        {status.error ? <Notice tone="error">{errorMessage(t, errorCode(status.error))}</Notice> : null}
        {s && (
          <dl className="stats">
            <StatTile label={t('progress.dossiers')} value={s.dossiers} />
            <StatTile label={t('progress.documents')} value={s.documents} />
            <StatTile label={t('progress.pages')} value={s.pages} />
            <StatTile label={t('progress.records')} value={s.records} />
            <StatTile label={t('progress.jobsQueued')} value={s.jobs.queued + s.jobs.leased} />
            <StatTile label={t('progress.jobsFailed')} value={s.jobs.failed} />
            <StatTile label={t('progress.auditEvents')} value={s.auditEvents} />
          </dl>
        )}
        <p className="field-hint">{t('progress.coming')}</p>
      </section>
      <SyncPanel />
    </>
  );
}
