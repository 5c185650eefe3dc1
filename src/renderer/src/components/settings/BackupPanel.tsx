import { useState } from 'react';
import { useEngine, useEngineEvent } from '../../engine/engine-context';
import { errorCode } from '../../engine/engine-errors';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useEngineQuery } from '../../hooks/use-engine-query';
import { errorMessage } from '../../i18n/error-messages';
import { useT } from '../../i18n/i18n-context';
import { Notice } from '../Notice';

/** A moment as the screens show it: day first, 24-hour time. */
const dayFirst = (iso: string) => {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}`;
};

/** The Storage section's facts and action: the data folder, a backup now with its progress, and the last backup with its check. */
export function BackupPanel({ destinationVersion }: { destinationVersion: unknown }) {
  const t = useT();
  const api = useEngine();
  const status = useEngineQuery(() => api['backup.status']({}), [api, destinationVersion]);
  const action = useEngineAction();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  useEngineEvent('progress', (p) => {
    if (p.task !== 'backup') return;
    setProgress({ done: p.done, total: p.total });
    // A scheduled backup runs without this screen asking: its last step shows it done.
    if (p.done === p.total && !action.busy) setTimeout(() => status.reload(), 500);
  });
  const run = async () => {
    setProgress({ done: 0, total: 0 });
    await action.run(() => api['backup.run']({}));
    setProgress(null);
    status.reload();
  };
  const last = status.data?.lastBackup;
  const failure = status.data?.lastFailure;
  const next = status.data?.nextBackupAt;
  return (
    <div className="backup-panel">
      <dl className="facts">
        <dt>{t('settings.storage.dataDir')}</dt>
        <dd>
          <code>{status.data?.dataDir ?? '…'}</code>
        </dd>
        <dt>{t('settings.storage.lastBackup')}</dt>
        <dd>
          {last
            ? t(last.checked ? 'settings.storage.lastChecked' : 'settings.storage.lastDamaged', {
                at: dayFirst(last.at),
                files: last.files,
                folder: last.folder,
              })
            : t('settings.storage.none')}
        </dd>
        {next ? (
          <>
            <dt>{t('settings.storage.nextBackup')}</dt>
            <dd>{dayFirst(next)}</dd>
          </>
        ) : null}
      </dl>
      {failure ? (
        <Notice tone="error">
          {t('settings.storage.scheduledFailed', {
            at: dayFirst(failure.at),
            reason: errorMessage(t, failure.code),
            next: next ? dayFirst(next) : '—',
          })}
        </Notice>
      ) : null}
      {action.error ? <Notice tone="error">{errorMessage(t, errorCode(action.error))}</Notice> : null}
      {(action.busy || status.data?.running) && progress ? (
        <p role="status">
          <progress max={progress.total || 1} value={progress.done} />{' '}
          {t('settings.storage.progress', { done: progress.done, total: progress.total })}
        </p>
      ) : null}
      <button type="button" onClick={() => void run()} disabled={action.busy || !status.data?.destination}>
        {t('settings.storage.backupNow')}
      </button>
      {status.data && !status.data.destination ? <p className="field-hint">{t('settings.storage.setFolderFirst')}</p> : null}
    </div>
  );
}
