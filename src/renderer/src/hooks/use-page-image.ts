import { useEngine } from '../engine/engine-context';
import { useEngineQuery } from './use-engine-query';

/** A page's image as a data URL; `version` changes when the engine made a new one (cleaned, turned). */
export function usePageImage(pageId: number, size: 'thumbnail' | 'full', version: string) {
  const api = useEngine();
  return useEngineQuery(() => api['page.image']({ id: pageId, size }).then((r) => r.dataUrl), [api, pageId, size, version]);
}
