import type { SearchHit } from '../../../shared/types';
import { useT } from '../i18n/i18n-context';
import { Snippet } from './Snippet';

/** The hits of a full-text search: which dossier, where in it, and the matching words in context. */
export function SearchHitList({ hits }: { hits: SearchHit[] }) {
  const t = useT();
  return (
    <ol className="hit-list">
      {hits.map((hit) => (
        <li key={`${hit.dossierId}:${hit.pageId ?? 'meta'}`} className="hit">
          <p className="hit-head">
            <span className="code">{hit.dossierCode}</span>
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
