import { useState } from 'react';
import { useEngine, useEngineEvent } from '../engine/engine-context';
import { useDebouncedValue } from './use-debounced-value';
import { useEngineQuery } from './use-engine-query';

/** The intake list: the newest dossiers, or those matching the filter (the engine ignores accents). */
export function useDossierList() {
  const api = useEngine();
  const [query, setQuery] = useState('');
  const settledQuery = useDebouncedValue(query.trim());
  const list = useEngineQuery(() => api['dossier.list']({ query: settledQuery || undefined, limit: 100 }), [api, settledQuery]);
  useEngineEvent('dossier.changed', list.reload);
  return { query, setQuery, settledQuery, ...list };
}
