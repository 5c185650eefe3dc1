import { useEffect, useRef } from 'react';
import { useEngine, useEngineEvent } from '../engine/engine-context';
import type { RecordSyncState } from '../../../shared/sync-status';
import { useEngineQuery, type QueryState } from './use-engine-query';

/** Reloads at most every `ms` while events keep coming (a run sends many), and once after the last. */
function useThrottledReload(reload: () => void, ms = 400): () => void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      reload();
    }, ms);
  };
}

/** The workstation's sync counts and runs, fresh as the engine reports sync changes. */
export function useSyncStatus() {
  const api = useEngine();
  const status = useEngineQuery(() => api['sync.status']({}), [api]);
  const reload = useThrottledReload(status.reload);
  useEngineEvent('sync.changed', reload);
  return status;
}

/** Each record of one dossier with its sync state, by record id. */
export function useRecordSyncStates(dossierId: number): QueryState<Map<number, RecordSyncState>> {
  const api = useEngine();
  const states = useEngineQuery(
    async () => new Map((await api['sync.records']({ dossierId })).map((s) => [s.recordId, s])),
    [api, dossierId],
  );
  const reload = useThrottledReload(states.reload);
  useEngineEvent('sync.changed', reload);
  useEngineEvent('dossier.changed', ({ id }) => id === dossierId && reload());
  return states;
}
