import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { MessageChannel } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { attachClient } from '../../src/core/transport/engine-session';
import { ENGINE_PORT_CHANNEL, type EngineBridge } from '../../src/shared/bridge';
import { METHOD_NAMES } from '../../src/shared/methods';
import { REPO } from '../e2e-support/renderer-build';
import { tempDir } from '../support/temp-dir';

/**
 * The BUILT preload (out/preload/index.cjs), run as Electron runs a sandboxed preload: a context of its
 * own whose `require` gives only Electron's renderer modules. The harness provides `electron`'s
 * contextBridge and ipcRenderer and records every other module the bundle asks for.
 */
function loadSandboxedPreload() {
  const exposed: Record<string, unknown> = {};
  const required: string[] = [];
  const portListeners: ((event: { ports: MessagePort[] }) => void)[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (name: string, api: unknown) => void (exposed[name] = api) },
    ipcRenderer: {
      on: (channel: string, listener: (event: { ports: MessagePort[] }) => void) => {
        if (channel === ENGINE_PORT_CHANNEL) portListeners.push(listener);
      },
    },
  };
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`module not found: ${name}`);
  };
  const module = { exports: {} };
  const context = createContext({ require: sandboxRequire, module, exports: module.exports, console });
  runInContext(readFileSync(join(REPO, 'out/preload/index.cjs'), 'utf8'), context, { filename: 'index.cjs' });
  return { exposed, required, handOverPort: (port: MessagePort) => portListeners.forEach((l) => l({ ports: [port] })) };
}

describe('the preload bundle in a sandboxed renderer', () => {
  const dir = tempDir('sohoa-preload-');
  let engine: Engine;

  beforeAll(() => {
    if (!existsSync(join(REPO, 'out/preload/index.cjs'))) execFileSync('npx', ['electron-vite', 'build'], { cwd: REPO, stdio: 'ignore' });
    engine = Engine.open({ dataDir: dir.path, actor: 'preload-test' });
  });

  afterAll(async () => {
    await engine?.close();
    dir.remove();
  });

  it('requires nothing but electron and exposes exactly window.sohoa: the contract’s methods and events', () => {
    const { exposed, required } = loadSandboxedPreload();
    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual(['sohoa']);
    const bridge = exposed.sohoa as EngineBridge;
    expect(Object.keys(bridge).sort()).toEqual(['api', 'on']);
    expect(Object.keys(bridge.api).sort()).toEqual([...METHOD_NAMES].sort());
    expect(Object.values(bridge.api).every((f) => typeof f === 'function')).toBe(true);
  });

  it('queues a call made before the port arrives and carries it to the engine once the main process hands the port over', async () => {
    const { exposed, handOverPort } = loadSandboxedPreload();
    const bridge = exposed.sohoa as EngineBridge;
    const answer = bridge.api['auth.state']({});
    const { port1, port2 } = new MessageChannel();
    const client = attachClient(engine, (m) => port2.postMessage(m));
    port2.on('message', (m) => void client.receive(m));
    handOverPort(port1 as unknown as MessagePort);
    expect(await answer).toMatchObject({ hasUsers: false, user: null, locked: false });
    await expect(bridge.api['user.list']({})).rejects.toMatchObject({ code: 'auth.required' });
    port1.close();
    client.detach();
  });
});
