import { useId, useState } from 'react';
import { useEngine } from '../../engine/engine-context';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useT } from '../../i18n/i18n-context';
import { Notice } from '../Notice';
import { ErrorNotice } from './ErrorNotice';

/** A finalized dossier is read-only; the clerk reopens it, saying why (audited), to change it and sign it again. */
export function ReopenDossier({ dossierId }: { dossierId: number }) {
  const t = useT();
  const api = useEngine();
  const id = useId();
  const [reason, setReason] = useState('');
  const action = useEngineAction();
  return (
    <section className="card read-only" aria-labelledby={`${id}-title`}>
      <Notice tone="info">
        <span id={`${id}-title`}>{t('desk.readOnly')}</span>
      </Notice>
      <form
        className="reopen-form"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(() => api['dossier.reopen']({ id: dossierId, reason }));
        }}
      >
        <label htmlFor={id}>{t('reopen.reason')}</label>
        <input id={id} value={reason} onChange={(e) => setReason(e.target.value)} />
        <button type="submit" disabled={action.busy || reason.trim() === ''}>
          {t('reopen.submit')}
        </button>
        <ErrorNotice error={action.error} />
      </form>
    </section>
  );
}
