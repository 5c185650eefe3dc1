import { useEffect, useRef } from 'react';
import { useEngineEvent } from '../engine/engine-context';

/**
 * Reloads a view when the engine reports work moving (a job finished, a dossier changed, signing
 * progressed), at most once per `ms`; and every `pollMs` while `polling` (work another process does,
 * e.g. a `sohoa batch` run, sends no event here).
 */
export function useLiveReload(reload: () => void, polling: boolean, ms = 1000, pollMs = 3000): void {
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(reload);
  useEffect(() => {
    latest.current = reload;
  });
  const soon = () => {
    pending.current ??= setTimeout(() => {
      pending.current = null;
      latest.current();
    }, ms);
  };
  useEngineEvent('job.changed', soon);
  useEngineEvent('dossier.changed', soon);
  useEngineEvent('progress', (p) => {
    if (p.task.startsWith('batch-sign:')) soon();
  });
  useEffect(() => {
    if (!polling) return;
    const timer = setInterval(() => latest.current(), pollMs);
    return () => clearInterval(timer);
  }, [polling, pollMs]);
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
    },
    [],
  );
}
