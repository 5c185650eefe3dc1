import type { EngineHandlers } from '../../shared/contract';
import { seesPersonalData } from '../auth/personal-data';
import { maskPersonalSnippets, refusePersonalSearch } from '../auth/personal-search';
import type { ServiceContext } from './handler-context';

/** Full-text search over dossiers; a role that may not see personal data neither searches by it nor reads it in a snippet. */
export function searchHandlers(ctx: ServiceContext): Pick<EngineHandlers, 'search.query'> {
  const { store } = ctx;
  return {
    'search.query': ({ text, limit }) => {
      if (seesPersonalData(ctx.caller())) return store.search.search(text, limit);
      refusePersonalSearch(store, text);
      return maskPersonalSnippets(store, store.search.search(text, limit));
    },
  };
}
