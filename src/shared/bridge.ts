/** What the preload exposes to the renderer as `window.sohoa`: exactly the contract, nothing else. */
import type { EngineApi, EngineEvents, EventName } from './contract';

export interface EngineBridge {
  api: EngineApi;
  on<E extends EventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void;
}

/** The only IPC channel: the main process hands each window its port to the engine on it. */
export const ENGINE_PORT_CHANNEL = 'sohoa:engine-port';
