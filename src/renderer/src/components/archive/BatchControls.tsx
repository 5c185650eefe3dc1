import type { BatchSummary } from '../../../../shared/archive-types';
import { useEngine } from '../../engine/engine-context';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useT } from '../../i18n/i18n-context';
import { ErrorNotice } from '../desk/ErrorNotice';

/** Pause, resume or cancel a batch; the engine holds a stopped batch's jobs for every process that runs the pipeline. */
export function BatchControls({ batch, onChanged }: { batch: BatchSummary; onChanged(): void }) {
  const t = useT();
  const api = useEngine();
  const action = useEngineAction();
  const control = async (what: 'pause' | 'resume' | 'cancel') => {
    if (what === 'cancel' && !window.confirm(t('archive.cancelConfirm', { id: batch.id }))) return;
    if (await action.run(() => api['batch.control']({ batchId: batch.id, action: what }))) onChanged();
  };
  const { state } = batch;
  const label = (key: 'archive.pause' | 'archive.resume' | 'archive.cancel') =>
    `${t(key)} — ${t('archive.batchName', { id: batch.id, name: batch.name })}`;
  return (
    <div className="batch-controls">
      {(state === 'running' || state === 'open') && (
        <button
          type="button"
          className="small"
          disabled={action.busy}
          onClick={() => void control('pause')}
          aria-label={label('archive.pause')}
        >
          {t('archive.pause')}
        </button>
      )}
      {(state === 'paused' || state === 'cancelled') && (
        <button
          type="button"
          className="small"
          disabled={action.busy}
          onClick={() => void control('resume')}
          aria-label={label('archive.resume')}
        >
          {t('archive.resume')}
        </button>
      )}
      {state !== 'done' && state !== 'cancelled' && (
        <button
          type="button"
          className="small danger"
          disabled={action.busy}
          onClick={() => void control('cancel')}
          aria-label={label('archive.cancel')}
        >
          {t('archive.cancel')}
        </button>
      )}
      <ErrorNotice error={action.error} />
    </div>
  );
}
