import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import type { EngineBridge } from '../../../shared/bridge';
import type { EngineApi, EngineEvents, EventName } from '../../../shared/contract';

const EngineContext = createContext<EngineBridge | null>(null);

export function EngineProvider({ engine, children }: { engine: EngineBridge; children: ReactNode }) {
  return <EngineContext.Provider value={engine}>{children}</EngineContext.Provider>;
}

function useBridge(): EngineBridge {
  const engine = useContext(EngineContext);
  if (!engine) throw new Error('useEngine outside EngineProvider');
  return engine;
}

/** The contract's methods, as async functions. */
export const useEngine = (): EngineApi => useBridge().api;

/** Calls `listener` on each engine event of this kind while the component is mounted. */
export function useEngineEvent<E extends EventName>(event: E, listener: (payload: EngineEvents[E]) => void): void {
  const bridge = useBridge();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => bridge.on(event, (payload) => latest.current(payload)), [bridge, event]);
}
