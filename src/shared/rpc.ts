/**
 * The wire format both transports carry, and the client built on it. A transport only has to
 * move JSON-able messages both ways; it knows nothing of the methods.
 */
import type { EngineApi, EngineEvents, EventName, MethodName } from './contract';
import { METHOD_NAMES } from './methods';
import { CodedError, isErrorData, type ErrorData } from './errors';

export interface RpcCall {
  kind: 'call';
  id: number;
  method: string;
  params: unknown;
}
export type RpcReply =
  { kind: 'reply'; id: number; ok: true; result: unknown } | { kind: 'reply'; id: number; ok: false; error: ErrorData };
export interface RpcEvent {
  kind: 'event';
  event: EventName;
  payload: unknown;
}
export type RpcMessage = RpcCall | RpcReply | RpcEvent;

/** One end of a transport, as the client sees it. */
export interface RpcChannel {
  send(message: RpcCall): void;
  onMessage(handler: (message: RpcReply | RpcEvent) => void): void;
  /** Called when the channel dies, so pending calls can fail instead of hanging. */
  onClose?(handler: () => void): void;
}

export type EventListener<E extends EventName> = (payload: EngineEvents[E]) => void;

export interface EngineClient {
  api: EngineApi;
  on<E extends EventName>(event: E, listener: EventListener<E>): () => void;
}

/** A failed call, as the client receives it: the engine's coded error. */
export class EngineCallError extends CodedError {}

export function createEngineClient(channel: RpcChannel): EngineClient {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  channel.onMessage((message) => {
    if (message.kind === 'reply') {
      const waiter = pending.get(message.id);
      if (!waiter) return;
      pending.delete(message.id);
      if (message.ok) waiter.resolve(message.result);
      else {
        const e = isErrorData(message.error) ? message.error : { code: 'engine.protocol', message: 'Malformed error reply' };
        waiter.reject(new EngineCallError(e.code, e.message, e.details));
      }
    } else if (message.kind === 'event') {
      listeners.get(message.event)?.forEach((listener) => listener(message.payload));
    }
  });
  channel.onClose?.(() => {
    for (const [, waiter] of pending) waiter.reject(new EngineCallError('engine.disconnected', 'The engine connection closed'));
    pending.clear();
  });

  const call = (method: MethodName, params: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      channel.send({ kind: 'call', id, method, params: params ?? {} });
    });

  const api = Object.fromEntries(METHOD_NAMES.map((name) => [name, (input: unknown) => call(name, input)])) as unknown as EngineApi;

  return {
    api,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const fn = listener as (payload: unknown) => void;
      set.add(fn);
      return () => set.delete(fn);
    },
  };
}
