import type { EngineEvents, EventName } from '../shared/contract';

type Listener = (event: EventName, payload: unknown) => void;

/** Fans engine events out to every connected client. */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(event: E, payload: EngineEvents[E]): void {
    for (const l of this.listeners) l(event, payload);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
