import { useEngine, useEngineEvent } from '../engine/engine-context';
import { useEngineQuery } from './use-engine-query';

/** The workstation's counts, for the progress page; fresh again whenever the engine reports a change. */
export function useStatusReport() {
  const api = useEngine();
  const report = useEngineQuery(() => api['status.get']({}), [api]);
  useEngineEvent('dossier.changed', report.reload);
  useEngineEvent('job.changed', report.reload);
  return report;
}
