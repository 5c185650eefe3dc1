import { contextBridge, ipcRenderer } from 'electron';
import { ENGINE_PORT_CHANNEL, type EngineBridge } from '../../src/shared/bridge';
import { createEngineClient, type RpcCall, type RpcEvent, type RpcReply } from '../../src/shared/rpc';

// Calls made before the main process hands over the engine's port wait here.
const queued: RpcCall[] = [];
let port: MessagePort | undefined;
let deliver: (message: RpcReply | RpcEvent) => void = () => {};
const closeHandlers: (() => void)[] = [];

ipcRenderer.on(ENGINE_PORT_CHANNEL, (event) => {
  port = event.ports[0];
  if (!port) return;
  port.onmessage = (e) => deliver(e.data as RpcReply | RpcEvent);
  port.addEventListener('close', () => closeHandlers.forEach((h) => h()));
  port.start();
  for (const call of queued.splice(0)) port.postMessage(call);
});

const client = createEngineClient({
  send: (call) => (port ? port.postMessage(call) : queued.push(call)),
  onMessage: (handler) => {
    deliver = handler;
  },
  onClose: (handler) => closeHandlers.push(handler),
});

const bridge = { api: client.api, on: client.on } satisfies EngineBridge;
contextBridge.exposeInMainWorld('sohoa', bridge);
