import type { SearchHit } from '../../../shared/types';
import { useOpenDesk } from '../app/desk-opener';
import { useT } from '../i18n/i18n-context';
import { Snippet } from './Snippet';

/** The hits of a full-text search: which dossier, where in it, and the matching words in context; each opens its dossier at that page when the role may. */
export function SearchHitList({ hits, canOpen }: { hits: SearchHit[]; canOpen: boolean }) {
  const t = useT();
  const open = useOpenDesk();
  return (
    <ol className="hit-list">
      {hits.map((hit) => (
        <li key={`${hit.dossierId}:${hit.pageId ?? 'meta'}`} className="hit">
          <p className="hit-head">
            {canOpen ? (
              <button type="button" className="link-button code" onClick={() => open(hit.dossierId, { pageId: hit.pageId })}>
                {hit.pageId == null
                  ? t('search.openDossier', { code: hit.dossierCode })
                  : t('search.openAtPage', { code: hit.dossierCode })}
              </button>
            ) : (
              <span className="code">{hit.dossierCode}</span>
            )}
            <span className="hit-where">{hit.pageId == null ? t('search.hitMetadata') : t('search.hitPage', { page: hit.pageId })}</span>
          </p>
          <p>
            <Snippet text={hit.snippet} />
          </p>
        </li>
      ))}
    </ol>
  );
}
