/** What the desk benchmarks share: the real engine with its pipeline on a fresh data directory, served to the built renderer. */
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../src/core/engine';
import { createPipelineStages } from '../src/core/jobs/real-stages';
import { startWsServer, type RunningWsServer } from '../src/core/transport/ws-server';

export const REPO = fileURLToPath(new URL('..', import.meta.url));
export const CORPUS = join(REPO, 'test/fixtures/vi-admin');

export interface CorpusEntry {
  id: string;
  file: string;
  dpi: number;
}

export const corpusPages = (): CorpusEntry[] =>
  (JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as { pages: CorpusEntry[] }).pages;

/** The clerk the UI benchmarks sign in as. */
export const BENCH_CLERK = { username: 'clerk', password: 'mat-khau-do-hieu-nang' };

export interface BenchApp {
  engine: Engine;
  server: RunningWsServer | null;
  dataDir: string;
  close(): Promise<void>;
}

/** The engine as the app runs it (pipeline concurrency and OCR workers at their defaults), optionally serving the renderer. */
export async function startBenchApp(options: { serveUi: boolean }): Promise<BenchApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sohoa-desk-bench-'));
  const stages = createPipelineStages({ dataDir });
  const engine = Engine.open({ dataDir, actor: 'bench', pipeline: { stages } });
  let server: RunningWsServer | null = null;
  if (options.serveUi) {
    await engine.handlers['user.create']({
      username: BENCH_CLERK.username,
      displayName: 'Cán bộ thử',
      role: 'clerk',
      password: BENCH_CLERK.password,
    });
    if (!existsSync(join(REPO, 'out/renderer/index.html'))) execSync('npx electron-vite build', { cwd: REPO, stdio: 'ignore' });
    server = await startWsServer({ engine, staticDir: join(REPO, 'out/renderer') });
  }
  return {
    engine,
    server,
    dataDir,
    async close() {
      await server?.close();
      await engine.close();
      await stages.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
export const worst = (xs: number[]) => Math.max(...xs);
export const ms = (x: number) => `${x.toFixed(0)} ms`;
