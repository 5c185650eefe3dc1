import { useId } from 'react';
import { useEngine, useEngineEvent } from '../../engine/engine-context';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useEngineQuery } from '../../hooks/use-engine-query';
import { useT } from '../../i18n/i18n-context';
import { ErrorNotice } from './ErrorNotice';

/** Documents already digitized for the same CCCD in earlier dossiers, offered instead of a new scan. */
export function ReuseOffers({ dossierId }: { dossierId: number }) {
  const t = useT();
  const api = useEngine();
  const titleId = useId();
  const offers = useEngineQuery(() => api['dossier.reuseCandidates']({ dossierId }), [api, dossierId]);
  useEngineEvent('dossier.changed', () => offers.reload());
  const action = useEngineAction();
  if (!offers.data?.length) return null;
  return (
    <section className="card reuse-offers" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('reuse.title')}</h2>
      <p>{t('reuse.intro')}</p>
      <ul>
        {offers.data.map((o) => (
          <li key={o.documentId}>
            <span>
              {t('reuse.item', { title: o.component ?? o.title ?? o.docKind ?? `#${o.documentId}`, code: o.dossierCode })}
              {o.signed && <span className="badge badge--valid"> {t('reuse.signed')}</span>}
            </span>
            <button
              type="button"
              className="small"
              disabled={action.busy}
              onClick={() => void action.run(() => api['document.reuse']({ dossierId, sourceDocumentId: o.documentId }))}
            >
              {t('reuse.use')}
            </button>
          </li>
        ))}
      </ul>
      <ErrorNotice error={action.error} />
    </section>
  );
}
