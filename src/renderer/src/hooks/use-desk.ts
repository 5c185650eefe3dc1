import { useEngine, useEngineEvent } from '../engine/engine-context';
import { useEngineQuery } from './use-engine-query';

/** One dossier as the desk shows it, fresh after every change the engine reports for it. */
export function useDesk(dossierId: number) {
  const api = useEngine();
  const view = useEngineQuery(() => api['dossier.desk']({ id: dossierId }), [api, dossierId]);
  useEngineEvent('dossier.changed', ({ id }) => {
    if (id === dossierId) view.reload();
  });
  return view;
}
