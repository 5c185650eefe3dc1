import { useState } from 'react';
import type { QcDossier } from '../../../../shared/archive-types';
import { mayCall } from '../../../../shared/permissions';
import { useSignedIn } from '../../auth/auth-context';
import { useEngine } from '../../engine/engine-context';
import { useEngineQuery } from '../../hooks/use-engine-query';
import { useLiveReload } from '../../hooks/use-live-reload';
import { useT } from '../../i18n/i18n-context';
import { ErrorNotice } from '../desk/ErrorNotice';
import { BulkSignPanel } from './BulkSignPanel';
import { DossierPages } from './DossierPages';
import { QcQueue } from './QcQueue';
import { ReconciliationPanel } from './ReconciliationPanel';

/** The QC station for one batch: reconciliation, the queue by dossier, a flagged dossier's pages, bulk signing. */
export function BatchQc({ batchId, onBack }: { batchId: number; onBack(): void }) {
  const t = useT();
  const api = useEngine();
  const { user } = useSignedIn();
  const view = useEngineQuery(() => api['batch.qc']({ batchId }), [api, batchId]);
  const [looking, setLooking] = useState<number | null>(null);
  useLiveReload(view.reload, view.data?.batch.state === 'running');
  const canAct = mayCall(user.role, 'batch.approve');
  const canView = mayCall(user.role, 'dossier.desk');
  const data = view.data;
  const lookedAt: QcDossier | undefined = data?.dossiers.find((d) => d.dossierId === looking);
  return (
    <>
      <button type="button" className="link-button back" onClick={onBack}>
        ← {t('archive.back')}
      </button>
      {data && (
        <>
          <h1>{t('archive.qcTitle', { id: data.batch.id, name: data.batch.name })}</h1>
          {!canAct && <p className="hint">{t('archive.readOnly')}</p>}
          <div className="qc-layout">
            <div className="qc-column">
              <ReconciliationPanel view={data} />
              <QcQueue view={data} canAct={canAct} canView={canView} onLook={(d) => setLooking(d.dossierId)} onChanged={view.reload} />
              {canAct && <BulkSignPanel batch={data.batch} canUnlock={mayCall(user.role, 'signer.unlock')} onChanged={view.reload} />}
            </div>
            <div className="qc-column qc-column--wide">
              {!lookedAt && canView && <p className="hint qc-look-hint">{t('archive.lookHint')}</p>}
              {lookedAt && canView && (
                <DossierPages
                  key={lookedAt.dossierId}
                  batchId={batchId}
                  dossier={lookedAt}
                  canReplace={mayCall(user.role, 'page.replace')}
                  canMarkResult={mayCall(user.role, 'batch.markResult')}
                  canTimestamp={mayCall(user.role, 'result.timestamp')}
                />
              )}
            </div>
          </div>
        </>
      )}
      <ErrorNotice error={view.error} />
    </>
  );
}
