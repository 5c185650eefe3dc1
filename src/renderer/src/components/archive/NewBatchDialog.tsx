import { useEffect, useRef, useState } from 'react';
import { REGISTER_FIELD_NAMES, type BatchSetupPreview, type RegisterFieldName } from '../../../../shared/batch-start-contract';
import { useEngine } from '../../engine/engine-context';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useT } from '../../i18n/i18n-context';
import { TextField } from '../TextField';
import { ErrorNotice } from '../desk/ErrorNotice';
import { RegisterPreviewPanel } from './RegisterPreviewPanel';
import '../../styles/new-batch.css';

const SEPARATIONS = ['folders', 'qr', 'patch-t', 'blank', 'count'] as const;
type Separation = (typeof SEPARATIONS)[number];

export interface BatchSetupForm {
  folder: string;
  registerPath: string;
  sheet: string;
  separation: Separation;
  count: string;
  columns: Partial<Record<RegisterFieldName, string>>;
}

const EMPTY: BatchSetupForm = { folder: '', registerPath: '', sheet: '', separation: 'folders', count: '10', columns: {} };

const setupInput = (f: BatchSetupForm) => ({
  folder: f.folder,
  registerPath: f.registerPath,
  sheet: f.sheet.trim() || undefined,
  separate: f.separation === 'count' ? `count:${f.count.trim()}` : f.separation,
  columns: Object.keys(f.columns).length ? f.columns : undefined,
});

/**
 * The archive team's new batch: the folder of scans, the register, how dossiers are separated, a
 * preview of what would be taken in (the register's column map, what is left unmapped, its first
 * rows), then the start. The batch's progress then shows in the list.
 */
export function NewBatchDialog({ onClose, onStarted }: { onClose(): void; onStarted(batchId: number, resumed: boolean): void }) {
  const t = useT();
  const api = useEngine();
  const dialog = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState<BatchSetupForm>(EMPTY);
  const [preview, setPreview] = useState<{ of: string; view: BatchSetupPreview } | null>(null);
  const looking = useEngineAction();
  const starting = useEngineAction();
  const key = JSON.stringify(setupInput(form));
  const current = preview?.of === key ? preview.view : null;

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  const change = (patch: Partial<BatchSetupForm>) => setForm((f) => ({ ...f, ...patch }));
  const look = async (f: BatchSetupForm) => {
    const view = await looking.run(() => api['batch.preview'](setupInput(f)));
    if (view) setPreview({ of: JSON.stringify(setupInput(f)), view });
  };
  const chooseColumn = (field: RegisterFieldName, column: string) => {
    const next = { ...form, columns: { ...form.columns, [field]: column } };
    setForm(next);
    void look(next);
  };
  const start = async () => {
    const started = await starting.run(() => api['batch.start'](setupInput(form)));
    if (started) onStarted(started.batchId, started.resumed);
  };

  return (
    <dialog ref={dialog} className="new-batch" aria-labelledby="new-batch-title" onCancel={onClose}>
      <h2 id="new-batch-title">{t('batchNew.title')}</h2>
      <div className="new-batch-form">
        <TextField
          label={t('batchNew.folder')}
          hint={t('batchNew.folderHint')}
          value={form.folder}
          onChange={(folder) => change({ folder })}
          spellCheck={false}
        />
        <TextField
          label={t('batchNew.register')}
          labelNote={t('batchNew.registerNote')}
          value={form.registerPath}
          onChange={(registerPath) => change({ registerPath, columns: {} })}
          spellCheck={false}
        />
        {/\.xlsx["']?\s*$/i.test(form.registerPath) && (
          <TextField
            label={t('batchNew.sheet')}
            labelNote={t('batchNew.sheetNote')}
            value={form.sheet}
            onChange={(sheet) => change({ sheet })}
          />
        )}
        <fieldset className="new-batch-separation">
          <legend>{t('batchNew.separate')}</legend>
          {SEPARATIONS.map((s) => (
            <label key={s} className="radio">
              <input type="radio" name="separation" value={s} checked={form.separation === s} onChange={() => change({ separation: s })} />
              {t(`batchNew.separate.${s}`)}
            </label>
          ))}
          {form.separation === 'count' && (
            <TextField label={t('batchNew.count')} inputMode="numeric" value={form.count} onChange={(count) => change({ count })} />
          )}
        </fieldset>
      </div>
      <div className="button-row">
        <button type="button" onClick={() => void look(form)} disabled={looking.busy || form.folder.trim() === ''}>
          {t('batchNew.preview')}
        </button>
      </div>
      {looking.busy && <p className="hint">{t('batchNew.previewBusy')}</p>}
      <ErrorNotice error={looking.error} />
      {current && <RegisterPreviewPanel preview={current} fields={REGISTER_FIELD_NAMES} onChoose={chooseColumn} />}
      <ErrorNotice error={starting.error} />
      <div className="button-row new-batch-actions">
        <button type="button" className="primary" onClick={() => void start()} disabled={!current || starting.busy || looking.busy}>
          {starting.busy ? t('batchNew.starting') : t('batchNew.start')}
        </button>
        <button type="button" onClick={onClose}>
          {t('batchNew.close')}
        </button>
      </div>
      {!current && <p className="hint">{t('batchNew.startHint')}</p>}
    </dialog>
  );
}
