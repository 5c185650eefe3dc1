import { useId } from 'react';
import { mayCall } from '../../../shared/permissions';
import { useSignedIn } from '../auth/auth-context';
import { describedBy, FieldProblem } from '../components/FieldProblem';
import { Notice } from '../components/Notice';
import { SearchHitList } from '../components/SearchHitList';
import { useFullTextSearch, type SearchOutcome } from '../hooks/use-full-text-search';
import { errorMessage, problemMessage } from '../i18n/error-messages';
import { useT } from '../i18n/i18n-context';
import type { Translate } from '../i18n/translate';

const hitCountMessage = (t: Translate, { hits, text }: SearchOutcome) =>
  hits.length === 0
    ? t('search.none', { query: text })
    : hits.length === 1
      ? t('search.countOne')
      : t('search.count', { count: hits.length });

export function SearchPage() {
  const t = useT();
  const id = useId();
  const search = useFullTextSearch();
  const { user } = useSignedIn();
  const problemId = `${id}-problem`;
  const problem = search.problem ? problemMessage(t, search.problem) : null;
  return (
    <>
      <h1>{t('search.title')}</h1>
      <form className="card search-form" role="search" onSubmit={search.submit} noValidate>
        <div className={problem ? 'field field--invalid' : 'field'}>
          <label htmlFor={id}>{t('search.label')}</label>
          <div className="inline">
            <input
              id={id}
              type="search"
              value={search.text}
              onChange={(e) => search.setText(e.target.value)}
              placeholder={t('search.placeholder')}
              aria-invalid={problem ? true : undefined}
              aria-describedby={describedBy(problem && problemId)}
              autoComplete="off"
            />
            <button type="submit" className="primary" aria-busy={search.searching}>
              {search.searching ? t('search.searching') : t('search.submit')}
            </button>
          </div>
          <FieldProblem id={problemId} message={problem} />
        </div>
      </form>
      {search.failureCode && <Notice tone="error">{errorMessage(t, search.failureCode)}</Notice>}
      {search.outcome && (
        <section className="card" aria-labelledby={`${id}-results`}>
          <h2 id={`${id}-results`}>{t('search.results')}</h2>
          <p role="status">{hitCountMessage(t, search.outcome)}</p>
          <SearchHitList hits={search.outcome.hits} canOpen={mayCall(user.role, 'dossier.desk')} />
        </section>
      )}
    </>
  );
}
