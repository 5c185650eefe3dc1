import { useState } from 'react';
import type { DossierKind } from '../../../shared/types';
import { useEngine, useEngineEvent } from '../engine/engine-context';
import { useDebouncedValue } from './use-debounced-value';
import { useEngineQuery } from './use-engine-query';

/** Which dossiers the intake list shows: those taken in at the desk (the default), those digitized from the archive, or both. */
export type DossierSource = DossierKind | 'all';

/** The intake list: the newest dossiers, or those matching the filter (the engine ignores accents), from one source. */
export function useDossierList() {
  const api = useEngine();
  const [query, setQuery] = useState('');
  const [source, setSource] = useState<DossierSource>('intake');
  const settledQuery = useDebouncedValue(query.trim());
  const list = useEngineQuery(
    () => api['dossier.list']({ query: settledQuery || undefined, kind: source === 'all' ? undefined : source, limit: 100 }),
    [api, settledQuery, source],
  );
  useEngineEvent('dossier.changed', list.reload);
  return { query, setQuery, settledQuery, source, setSource, ...list };
}
