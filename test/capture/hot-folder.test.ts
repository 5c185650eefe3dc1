import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HotFolder, type HotFolderFile, type HotFolderOutcome } from '../../src/core/capture/hot-folder';
import { JOURNAL_NAME } from '../../src/core/capture/hot-folder-journal';
import { CodedError } from '../../src/shared/errors';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sohoa-hot-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

/** A hot folder on a clock the test moves by hand. */
function manual(onFile: (f: HotFolderFile) => Promise<void> | void, settleMs = 1000) {
  let t = 0;
  const calls: HotFolderFile[] = [];
  const errors: unknown[] = [];
  const folder = new HotFolder({
    dir,
    settleMs,
    now: () => t,
    onFile: (f) => {
      calls.push(f);
      return onFile(f);
    },
    onError: (e) => errors.push(e),
  });
  return { folder, calls, errors, advance: (ms: number) => (t += ms) };
}

describe('HotFolder', () => {
  it('takes a growing file only once it has stopped changing, and once', async () => {
    const { folder, calls, advance } = manual(() => undefined);
    const chunks = Array.from({ length: 6 }, () => randomBytes(10_000));
    for (const chunk of chunks) {
      await appendFile(join(dir, 'scan-001.pdf'), chunk);
      await folder.poll();
      advance(400);
      await folder.poll();
    }
    expect(calls).toHaveLength(0);
    advance(1000);
    const outcomes = await folder.poll();
    const whole = Buffer.concat(chunks);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.bytes.equals(whole)).toBe(true);
    expect(calls[0]!.sha256).toBe(sha(whole));
    expect(calls[0]!.retry).toBe(false);
    expect(outcomes).toEqual([expect.objectContaining({ name: 'scan-001.pdf', outcome: 'imported', recovered: false })]);
    expect((await readFile(join(dir, 'imported', 'scan-001.pdf'))).equals(whole)).toBe(true);
    expect(existsSync(join(dir, 'scan-001.pdf'))).toBe(false);
    advance(5000);
    await folder.poll();
    expect(calls).toHaveLength(1);
  });

  it('imports files written slowly while it runs on its own timer, each once and complete', async () => {
    const calls: HotFolderFile[] = [];
    const done: HotFolderOutcome[] = [];
    let finish!: () => void;
    const allDone = new Promise<void>((r) => (finish = r));
    const folder = new HotFolder({
      dir,
      settleMs: 1500,
      pollMs: 40,
      onFile: (f) => void calls.push(f),
      onOutcome: (o) => {
        done.push(o);
        if (done.length === 2) finish();
      },
    });
    await folder.start();
    const written = new Map<string, Buffer[]>([
      ['a.jpg', []],
      ['b.jpg', []],
    ]);
    for (let i = 0; i < 8; i++) {
      for (const [name, parts] of written) {
        const chunk = randomBytes(4096);
        parts.push(chunk);
        await appendFile(join(dir, name), chunk);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    await allDone;
    await folder.stop();
    expect(calls.map((c) => c.name).sort()).toEqual(['a.jpg', 'b.jpg']);
    for (const call of calls) expect(call.sha256).toBe(sha(Buffer.concat(written.get(call.name)!)));
    expect((await readdir(join(dir, 'imported'))).sort()).toEqual(['a.jpg', 'b.jpg']);
  });

  it('moves a file the consumer rejects into failed/ with a reason file', async () => {
    const { folder, advance } = manual(() => {
      throw new CodedError('image.corrupt', 'not an image');
    });
    await writeFile(join(dir, 'broken.png'), 'not a png');
    await folder.poll();
    advance(1000);
    const [outcome] = await folder.poll();
    expect(outcome).toMatchObject({ outcome: 'failed', movedTo: join(dir, 'failed', 'broken.png') });
    const reason = await readFile(join(dir, 'failed', 'broken.png.reason.txt'), 'utf8');
    expect(reason).toContain('code: image.corrupt');
    expect(reason).toContain('not an image');
    expect(await readFile(join(dir, 'failed', 'broken.png'), 'utf8')).toBe('not a png');
  });

  it('never overwrites an earlier import of the same name', async () => {
    const { folder, advance } = manual(() => undefined);
    await writeFile(join(dir, 'p.png'), 'first');
    await folder.poll();
    advance(1000);
    await folder.poll();
    await writeFile(join(dir, 'p.png'), 'second');
    await folder.poll();
    advance(1000);
    const [outcome] = await folder.poll();
    expect(outcome!.movedTo).toBe(join(dir, 'imported', 'p-2.png'));
    expect(await readFile(join(dir, 'imported', 'p.png'), 'utf8')).toBe('first');
    expect(await readFile(join(dir, 'imported', 'p-2.png'), 'utf8')).toBe('second');
  });

  it('leaves partial, hidden and unaccepted files alone', async () => {
    let t = 0;
    const calls: string[] = [];
    const folder = new HotFolder({
      dir,
      settleMs: 10,
      now: () => t,
      accept: (n) => !n.endsWith('.txt'),
      onFile: (f) => void calls.push(f.name),
    });
    for (const name of ['.hidden', 'upload.pdf.part', '~$note.docx', 'notes.txt', 'ok.tif']) await writeFile(join(dir, name), name);
    await folder.poll();
    t += 100;
    await folder.poll();
    expect(calls).toEqual(['ok.tif']);
    expect((await readdir(dir)).sort()).toEqual(
      ['.hidden', JOURNAL_NAME, 'failed', 'imported', 'notes.txt', 'upload.pdf.part', '~$note.docx'].sort(),
    );
  });

  it('never runs two passes at once, so a slow consumer cannot see a file twice', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { folder, calls, advance } = manual(() => gate);
    await writeFile(join(dir, 'slow.pdf'), 'slow');
    await folder.poll();
    advance(1000);
    const first = folder.poll();
    const second = folder.poll();
    await new Promise((r) => setTimeout(r, 50));
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(calls).toHaveLength(1);
    expect(a).toHaveLength(1);
    expect(b).toEqual([]);
  });

  it('after a restart, does not import again what it imported before', async () => {
    const first = manual(() => undefined);
    await writeFile(join(dir, 'x.png'), 'x');
    await first.folder.poll();
    first.advance(1000);
    await first.folder.poll();
    expect(first.calls).toHaveLength(1);

    const second = manual(() => undefined);
    await second.folder.poll();
    second.advance(1000);
    await second.folder.poll();
    expect(second.calls).toHaveLength(0);
    expect(await readFile(join(dir, JOURNAL_NAME), 'utf8')).toBe('');
  });

  it('after a restart, finishes a move that failed without calling the consumer again', async () => {
    const first = manual(() => undefined);
    await first.folder.poll();
    await rm(join(dir, 'imported'), { recursive: true });
    await writeFile(join(dir, 'imported'), 'a file where the folder should be');
    await writeFile(join(dir, 'y.png'), 'y');
    await first.folder.poll();
    first.advance(1000);
    expect(await first.folder.poll()).toEqual([]);
    expect(first.calls).toHaveLength(1);
    expect(first.errors).toHaveLength(1);
    expect(existsSync(join(dir, 'y.png'))).toBe(true);

    await rm(join(dir, 'imported'));
    const second = manual(() => undefined);
    await second.folder.poll();
    second.advance(1000);
    const [outcome] = await second.folder.poll();
    expect(second.calls).toHaveLength(0);
    expect(outcome).toMatchObject({ name: 'y.png', outcome: 'imported', recovered: true });
    expect(await readFile(join(dir, 'imported', 'y.png'), 'utf8')).toBe('y');
  });

  it('after a crash inside the consumer, calls it again once, flagged as a retry', async () => {
    const content = randomBytes(2048);
    await writeFile(join(dir, 'z.jpg'), content);
    const marker = join(dir, '.marker');
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'hot-folder-crash-child.ts'), dir, marker], {
      stdio: 'ignore',
    });
    const exited = new Promise((r) => child.once('exit', r));
    while (!existsSync(marker)) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    await exited;
    expect(await readFile(marker, 'utf8')).toBe(sha(content));
    expect(existsSync(join(dir, 'z.jpg'))).toBe(true);

    const after = manual(() => undefined);
    await after.folder.poll();
    after.advance(1000);
    const [outcome] = await after.folder.poll();
    expect(after.calls).toHaveLength(1);
    expect(after.calls[0]!.retry).toBe(true);
    expect(outcome).toMatchObject({ name: 'z.jpg', outcome: 'imported', recovered: false });
    after.advance(5000);
    await after.folder.poll();
    expect(after.calls).toHaveLength(1);
  });
});
