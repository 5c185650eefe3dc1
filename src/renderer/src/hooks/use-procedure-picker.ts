import { useEffect, useState } from 'react';
import { useEngine } from '../engine/engine-context';
import { useDebouncedValue } from './use-debounced-value';
import { useEngineQuery } from './use-engine-query';

/**
 * Picking a procedure from the catalog: the typed words filter it (the engine ignores accents, so
 * "khai sinh" finds "Đăng ký khai sinh"). A filter that leaves one procedure picks it; a choice the
 * filter hides is dropped, so what is picked is always what is shown.
 */
export function useProcedurePicker(value: string, onChange: (code: string) => void) {
  const api = useEngine();
  const [filter, setFilter] = useState('');
  const query = useDebouncedValue(filter.trim(), 150);
  const options = useEngineQuery(() => api['procedure.list']({ query: query || undefined }), [api, query]);
  const procedures = options.data ?? [];

  useEffect(() => {
    if (!options.data) return;
    const only = options.data.length === 1 ? options.data[0] : undefined;
    if (only && only.code !== value) onChange(only.code);
    else if (value && !options.data.some((p) => p.code === value)) onChange('');
    // Reacts to a new list only; `value` changes by the user's pick are kept.
  }, [options.data]);

  return { filter, setFilter, procedures, nothingFound: options.data?.length === 0 };
}
