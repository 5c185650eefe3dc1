import type { RpcEvent, RpcReply } from '../../shared/rpc';
import { dispatch, isRpcCall } from '../rpc-dispatch';
import type { Engine } from '../engine';

/**
 * One connected client, whatever the transport: its own session (signed in or not), calls in,
 * replies and events out. Events go only to a session that is signed in and not locked.
 * `detach` unsubscribes it from the engine's events.
 */
export function attachClient(engine: Engine, send: (message: RpcReply | RpcEvent) => void, log: (e: unknown) => void = console.error) {
  const session = engine.sessions.open();
  const from = { sessions: engine.sessions, session };
  const unsubscribe = engine.events.subscribe((event, payload) => {
    if (engine.sessions.receivesEvents(session)) send({ kind: 'event', event, payload });
  });
  return {
    async receive(message: unknown): Promise<void> {
      if (!isRpcCall(message)) return;
      send(await dispatch(engine.handlers, message, { from, log }));
    },
    detach: unsubscribe,
  };
}
