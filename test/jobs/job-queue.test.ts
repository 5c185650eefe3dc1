import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../src/core/jobs/job-runner';
import { openStore } from '../../src/core/store/store';
import { REPO } from '../support/cli';
import { TEST_KEY } from '../support/data-key';
import { tempDir } from '../support/temp-dir';
import { EFFECT_TABLE, stampJob } from './stamp-job';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await sleep(50);
  }
}

describe('durable job queue', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('enqueues the same work once', () => {
    const store = openStore(join(dir.path, 'dedupe'), TEST_KEY);
    const a = store.jobs.enqueue('ocr', 'page:abc', { page: 1 });
    const b = store.jobs.enqueue('ocr', 'page:abc', { page: 1 });
    expect(b.id).toBe(a.id);
    expect(store.jobs.countsByState().queued).toBe(1);
    store.close();
  });

  it('finishes a job exactly once after its worker is killed mid-job', async () => {
    const dataDir = join(dir.path, 'crash');
    const store = openStore(dataDir, TEST_KEY);
    store.db.exec(EFFECT_TABLE);
    const job = store.jobs.enqueue('stamp', 'k1', {});

    const marker = join(dir.path, 'started');
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'test/jobs/crashing-worker.ts'), dataDir, marker], {
      cwd: REPO,
      stdio: 'inherit',
    });
    await waitFor(() => existsSync(marker), 60_000);
    expect(store.jobs.get(job.id)).toMatchObject({ state: 'leased', attempts: 1 });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const runner = new JobRunner({
      transaction: store.transaction,
      jobs: store.jobs,
      handlers: { stamp: stampJob(store.blobs, store.db) },
      leaseMs: 60_000,
    });
    // The worker's process is gone, so its job is taken again at once, without waiting out the lease.
    expect(await runner.drain()).toBe(1);

    expect(store.jobs.get(job.id)).toMatchObject({ state: 'done', attempts: 2 });
    expect(store.db.prepare('SELECT job_key FROM effect').all()).toEqual([{ job_key: 'k1' }]);
    const sha = (store.db.prepare('SELECT sha256 FROM effect').get() as { sha256: string }).sha256;
    const folder = join(dataDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4));
    expect(readdirSync(folder)).toEqual([sha]);
    expect(await runner.drain()).toBe(0);
    store.close();
  });

  it('leaves alone a job leased by a process that is still alive until its lease runs out', async () => {
    const store = openStore(join(dir.path, 'alive'), TEST_KEY);
    const job = store.jobs.enqueue('stamp', 'busy', {});
    const alive = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    store.jobs.lease(`${alive.pid}-other-worker`, ['stamp'], 800);
    const runner = new JobRunner({
      transaction: store.transaction,
      jobs: store.jobs,
      handlers: { stamp: stampJob(store.blobs, store.db) },
    });
    store.db.exec(EFFECT_TABLE);
    expect(await runner.drain()).toBe(0);
    await sleep(900);
    expect(await runner.drain()).toBe(1);
    expect(store.jobs.get(job.id)).toMatchObject({ state: 'done', attempts: 2 });
    alive.kill();
    store.close();
  });

  it("rolls back a job's completion with its commit when the commit throws, and runs the job again", async () => {
    const store = openStore(join(dir.path, 'commit-throws'), TEST_KEY);
    store.db.exec(EFFECT_TABLE);
    const stamp = stampJob(store.blobs, store.db);
    let commits = 0;
    const runner = new JobRunner({
      transaction: store.transaction,
      jobs: store.jobs,
      handlers: {
        stamp: {
          run: stamp.run,
          commit(ctx, result: { sha256: string }) {
            stamp.commit!(ctx, result);
            if (++commits === 1) throw new Error('the disk went away mid-commit');
          },
        },
      },
    });
    const job = store.jobs.enqueue('stamp', 'once', {}, 3);
    await runner.drain();
    expect(commits).toBe(2);
    expect(store.jobs.get(job.id)).toMatchObject({ state: 'done', attempts: 2 });
    expect(store.db.prepare('SELECT job_key FROM effect').all()).toEqual([{ job_key: 'once' }]);
    store.close();
  });

  it('retries a failing job up to its limit, then marks it failed', async () => {
    const store = openStore(join(dir.path, 'fail'), TEST_KEY);
    let calls = 0;
    const runner = new JobRunner({
      transaction: store.transaction,
      jobs: store.jobs,
      handlers: {
        broken: {
          async run() {
            calls++;
            throw new Error('worker ran out of memory');
          },
        },
      },
    });
    const job = store.jobs.enqueue('broken', 'x', {}, 2);
    await runner.drain();
    expect(calls).toBe(2);
    expect(store.jobs.get(job.id)).toMatchObject({ state: 'failed', attempts: 2 });
    store.close();
  });
});

describe('a job that fails on bad input', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('fails at once with its code and tells its handler', async () => {
    const { CodedError } = await import('../../src/shared/errors');
    const store = openStore(dir.path, TEST_KEY);
    let calls = 0;
    const failures: { code: string }[] = [];
    const runner = new JobRunner({
      transaction: store.transaction,
      jobs: store.jobs,
      handlers: {
        decode: {
          async run() {
            calls++;
            throw new CodedError('image.corrupt', 'The image is truncated');
          },
          onFailed: (_ctx, error) => failures.push(error),
        },
      },
    });
    const job = store.jobs.enqueue('decode', 'y', {}, 3);
    await runner.drain();
    expect(calls).toBe(1);
    expect(failures).toEqual([{ code: 'image.corrupt', message: 'The image is truncated' }]);
    expect(store.jobs.get(job.id)!.state).toBe('failed');
    store.close();
  });
});
