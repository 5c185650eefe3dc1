/**
 * How the renderer reaches the engine: in the app, the preload's `window.sohoa`; in a plain
 * browser (`npm run dev:web`, end-to-end tests), a WebSocket to 127.0.0.1 carrying the per-run
 * secret that came in the page URL's fragment.
 */
import type { EngineBridge } from '../../shared/bridge';
import { createEngineClient, type RpcCall, type RpcEvent, type RpcReply } from '../../shared/rpc';

declare global {
  interface Window {
    sohoa?: EngineBridge;
  }
}

export function connectEngine(): EngineBridge {
  if (window.sohoa) return window.sohoa;
  const secret = new URLSearchParams(window.location.hash.slice(1)).get('secret') ?? '';
  const ws = new WebSocket(`ws://${window.location.host}/rpc?secret=${encodeURIComponent(secret)}`);
  const queue: string[] = [];
  const handlers: ((message: RpcReply | RpcEvent) => void)[] = [];
  // A call made after the socket died is answered at once rather than left waiting forever.
  const refuse = (call: RpcCall) =>
    handlers.forEach((h) =>
      h({ kind: 'reply', id: call.id, ok: false, error: { code: 'engine.disconnected', message: 'The engine connection is closed' } }),
    );

  ws.addEventListener('open', () => queue.splice(0).forEach((m) => ws.send(m)));
  const client = createEngineClient({
    send: (call) => {
      const text = JSON.stringify(call);
      if (ws.readyState === WebSocket.OPEN) ws.send(text);
      else if (ws.readyState === WebSocket.CONNECTING) queue.push(text);
      else queueMicrotask(() => refuse(call));
    },
    onMessage: (handler) => {
      handlers.push(handler);
      ws.addEventListener('message', (e) => handler(JSON.parse(String(e.data)) as RpcReply | RpcEvent));
    },
    onClose: (handler) => ws.addEventListener('close', handler),
  });
  return { api: client.api, on: client.on };
}
