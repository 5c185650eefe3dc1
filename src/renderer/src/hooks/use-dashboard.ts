import type { IndicatorFilter } from '../../../shared/indicators';
import { useEngine, useEngineEvent } from '../engine/engine-context';
import { useEngineQuery } from './use-engine-query';

/** Everything the dashboard opens with, recomputed by the engine; fresh again when a dossier or job changes. */
export function useDashboard(filter: IndicatorFilter) {
  const api = useEngine();
  const dashboard = useEngineQuery(() => api['stats.dashboard'](filter), [api, filter]);
  useEngineEvent('dossier.changed', dashboard.reload);
  useEngineEvent('job.changed', dashboard.reload);
  return dashboard;
}
