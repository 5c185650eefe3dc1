import { useState } from 'react';
import { mayCall } from '../../../shared/permissions';
import { useSignedIn } from '../auth/auth-context';
import { BatchList } from '../components/archive/BatchList';
import { BatchQc } from '../components/archive/BatchQc';
import { NewBatchDialog } from '../components/archive/NewBatchDialog';
import { Notice } from '../components/Notice';
import { ErrorNotice } from '../components/desk/ErrorNotice';
import { useEngine } from '../engine/engine-context';
import { useEngineQuery } from '../hooks/use-engine-query';
import { useLiveReload } from '../hooks/use-live-reload';
import { useT } from '../i18n/i18n-context';

/** The archive team's page: its batches with progress and controls; a batch opens at the QC station. */
export function ArchivePage() {
  const [open, setOpen] = useState<number | null>(null);
  return open === null ? <Batches onOpen={setOpen} /> : <BatchQc batchId={open} onBack={() => setOpen(null)} />;
}

function Batches({ onOpen }: { onOpen(id: number): void }) {
  const t = useT();
  const api = useEngine();
  const { user } = useSignedIn();
  const batches = useEngineQuery(() => api['batch.list']({}), [api]);
  const [creating, setCreating] = useState(false);
  const [started, setStarted] = useState<{ batchId: number; resumed: boolean } | null>(null);
  useLiveReload(batches.reload, batches.data?.some((b) => b.state === 'running') ?? false);
  return (
    <>
      <h1>{t('archive.title')}</h1>
      <p>{t('archive.intro')}</p>
      <section className="card" aria-label={t('archive.batches')}>
        <div className="card-heading">
          <h2>{t('archive.batches')}</h2>
          {mayCall(user.role, 'batch.start') && (
            <button type="button" className="primary" onClick={() => setCreating(true)}>
              {t('batchNew.open')}
            </button>
          )}
        </div>
        {started && <Notice tone="success">{t(started.resumed ? 'batchNew.resumed' : 'batchNew.started', { id: started.batchId })}</Notice>}
        {creating && (
          <NewBatchDialog
            onClose={() => setCreating(false)}
            onStarted={(batchId, resumed) => {
              setCreating(false);
              setStarted({ batchId, resumed });
              batches.reload();
            }}
          />
        )}
        {batches.data && (
          <BatchList batches={batches.data} canControl={mayCall(user.role, 'batch.control')} onOpen={onOpen} onChanged={batches.reload} />
        )}
        <ErrorNotice error={batches.error} />
        <p className="field-hint">
          {t('archive.cli')} <code>{t('archive.cliCommand')}</code>
        </p>
      </section>
    </>
  );
}
