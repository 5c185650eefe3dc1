import type { RpcEvent, RpcReply } from '../../shared/rpc';
import { dispatch, isRpcCall } from '../rpc-dispatch';
import type { Engine } from '../engine';

/**
 * One connected client, whatever the transport: calls in, replies and events out.
 * Returns a function that detaches the client from the engine's events.
 */
export function attachClient(engine: Engine, send: (message: RpcReply | RpcEvent) => void, log: (e: unknown) => void = console.error) {
  const unsubscribe = engine.events.subscribe((event, payload) => send({ kind: 'event', event, payload }));
  return {
    async receive(message: unknown): Promise<void> {
      if (!isRpcCall(message)) return;
      send(await dispatch(engine.handlers, message, log));
    },
    detach: unsubscribe,
  };
}
