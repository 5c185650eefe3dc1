import { useEngine } from '../engine/engine-context';
import { useEngineAction } from '../hooks/use-engine-action';
import { useSyncStatus } from '../hooks/use-sync-status';
import { errorMessage } from '../i18n/error-messages';
import { formatDateTime } from '../i18n/format-date';
import { useLanguage, useT } from '../i18n/i18n-context';
import { ErrorNotice } from './desk/ErrorNotice';
import { Notice } from './Notice';
import { StatTile } from './StatTile';
import { countByCode } from './count-by-code';

/** The workstation's sync at a glance: counts by state, last and next run, and "sync now". */
export function SyncPanel() {
  const t = useT();
  const { language } = useLanguage();
  const api = useEngine();
  const status = useSyncStatus();
  const action = useEngineAction();
  const s = status.data;
  const running = action.busy || Boolean(s?.running);
  return (
    <section className="card sync-panel" aria-labelledby="sync-panel-title">
      <div className="list-header">
        <h2 id="sync-panel-title">{t('sync.title')}</h2>
        <button
          type="button"
          disabled={running || !s?.configured}
          onClick={() =>
            void action.run(async () => {
              await api['sync.now']({});
              status.reload();
            })
          }
        >
          {running ? t('sync.running') : t('sync.now')}
        </button>
      </div>
      <ErrorNotice error={status.error ?? action.error} />
      {s && !s.configured && <p className="field-hint">{t('sync.notConfigured')}</p>}
      {s?.configured && (
        <>
          <p className="field-hint">
            {t('sync.hub', { url: s.hubUrl ?? '' })} ·{' '}
            {s.window
              ? t('sync.scheduleWindow', { minutes: s.intervalMinutes, window: s.window })
              : t('sync.schedule', { minutes: s.intervalMinutes })}
          </p>
          <dl className="stats" aria-label={t('sync.title')}>
            <StatTile label={t('sync.waiting')} value={s.counts.waiting} />
            <StatTile label={t('sync.sending')} value={s.counts.sending} />
            <StatTile label={t('sync.acknowledged')} value={s.counts.acknowledged} />
            <StatTile label={t('sync.rejected')} value={s.counts.rejected} />
          </dl>
          {s.oldestWaitingSince && <p>{t('sync.oldestWaiting', { time: formatDateTime(s.oldestWaitingSince, language) })}</p>}
          <p className="sync-last-run">
            {s.lastRun
              ? t('sync.lastRun', {
                  time: formatDateTime(s.lastRun.finishedAt, language),
                  acknowledged: s.lastRun.acknowledged,
                  rejected: s.lastRun.rejected,
                  waiting: s.lastRun.waiting,
                })
              : t('sync.lastRunNone')}
          </p>
          {s.lastRun?.error && <Notice tone="error">{t('sync.lastError', { message: errorMessage(t, s.lastRun.error.code) })}</Notice>}
          {s.lastRun?.auditHead && (
            <Notice tone="error">
              <span className="sync-audit-head">{t('sync.auditHeadRefused', { message: errorMessage(t, s.lastRun.auditHead.code) })}</span>
            </Notice>
          )}
          {countByCode(s.lastRun?.timestamps ?? []).map(([code, count]) => (
            <Notice key={code} tone="error">
              <span className="sync-timestamps">{t('sync.timestampsFailed', { count, message: errorMessage(t, code) })}</span>
            </Notice>
          ))}
          <p className="sync-next-run">
            {s.nextRunAt ? t('sync.nextRun', { time: formatDateTime(s.nextRunAt, language) }) : t('sync.nextRunNone')}
          </p>
        </>
      )}
    </section>
  );
}
