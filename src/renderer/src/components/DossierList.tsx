import { useId } from 'react';
import { useDossierList, type DossierSource } from '../hooks/use-dossier-list';
import { errorCode } from '../engine/engine-errors';
import { errorMessage } from '../i18n/error-messages';
import { useT } from '../i18n/i18n-context';
import { DossierTable } from './DossierTable';
import { Notice } from './Notice';
import { SearchBox } from './SearchBox';

/** The intake list with its filter box. */
export function DossierList({ list }: { list: ReturnType<typeof useDossierList> }) {
  const t = useT();
  const titleId = useId();
  const items = list.data?.items ?? [];
  return (
    <section className="card dossier-list" aria-labelledby={titleId}>
      <div className="list-header">
        <h2 id={titleId}>{t('intake.listTitle')}</h2>
        {list.data && (
          <p className="count" role="status">
            {t('intake.listCount', { shown: items.length, total: list.data.total })}
          </p>
        )}
      </div>
      <div className="list-filters">
        <SearchBox
          label={t('intake.filterLabel')}
          placeholder={t('intake.filterPlaceholder')}
          value={list.query}
          onChange={list.setQuery}
        />
        <div className="list-source">
          <label htmlFor={`${titleId}-source`}>{t('intake.source')}</label>
          <select id={`${titleId}-source`} value={list.source} onChange={(e) => list.setSource(e.target.value as DossierSource)}>
            <option value="intake">{t('intake.source.intake')}</option>
            <option value="archive">{t('intake.source.archive')}</option>
            <option value="all">{t('intake.source.all')}</option>
          </select>
        </div>
      </div>
      {list.error ? <Notice tone="error">{errorMessage(t, errorCode(list.error))}</Notice> : null}
      {items.length > 0 && (
        <div className="table-scroll">
          <DossierTable dossiers={items} captionId={titleId} />
        </div>
      )}
      {list.data && items.length === 0 && (
        <p className="empty">{list.settledQuery ? t('intake.listNoMatch', { query: list.settledQuery }) : t('intake.listEmpty')}</p>
      )}
      {!list.data && list.loading && <p className="empty">{t('intake.loading')}</p>}
    </section>
  );
}
