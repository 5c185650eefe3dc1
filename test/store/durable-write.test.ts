import { mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditAnchor, readAnchorFile } from '../../src/core/audit/audit-anchor';
import { durableWrite } from '../../src/core/store/durable-write';
import { REPO } from '../support/cli';
import { tempDir } from '../support/temp-dir';

const sourcesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourcesUnder(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );

describe('durableWrite', () => {
  const dirs: { path: string; remove: () => void }[] = [];
  const folder = () => {
    const d = tempDir();
    dirs.push(d);
    return d.path;
  };
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

  it('puts the whole content in place with the mode asked, replacing what was there, and leaves no temp file', () => {
    const dir = folder();
    const file = join(dir, 'sub', 'anchor.json');
    expect(durableWrite(file, 'first', { mode: 0o600 })).toBe(true);
    expect(durableWrite(file, Buffer.from('second, longer'), { mode: 0o600 })).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('second, longer');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['anchor.json']);
  });

  it('exclusive: makes a new file, and leaves one that is there already untouched', () => {
    const file = join(folder(), 'key-id');
    expect(durableWrite(file, 'mine\n', { exclusive: true })).toBe(true);
    expect(durableWrite(file, 'theirs\n', { exclusive: true })).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
    expect(readdirSync(join(file, '..'))).toEqual(['key-id']);
  });

  it('fails without leaving a temp file or touching the target when the rename cannot happen', () => {
    const dir = folder();
    const target = join(dir, 'taken');
    mkdirSync(join(target, 'inside'), { recursive: true });
    expect(() => durableWrite(target, 'bytes')).toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(readdirSync(target)).toEqual(['inside']);
  });

  it('is the one place outside the hub that fsyncs a written file', () => {
    const copies = ['src/core', 'src/cli', 'electron']
      .flatMap((d) => sourcesUnder(join(REPO, d)))
      .filter((f) => /fsyncSync\(|\.sync\(\)/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(REPO, f));
    expect(copies).toEqual(['src/core/store/durable-write.ts']);
  });
});

describe('the audit anchor, written durably', () => {
  const dir = tempDir();

  it('reads back its head; a torn file reads as damaged and an altered seal as forged', () => {
    const anchor = new AuditAnchor(join(dir.path, 'keys', 'audit.anchor'), Buffer.alloc(32, 7));
    anchor.write({ seq: 41, hash: 'a'.repeat(64) });
    expect(anchor.read()).toEqual({ kind: 'head', head: { seq: 41, hash: 'a'.repeat(64) } });
    if (process.platform !== 'win32') expect(statSync(anchor.file).mode & 0o777).toBe(0o600);

    const whole = readFileSync(anchor.file, 'utf8');
    truncateSync(anchor.file, Math.floor(whole.length / 2));
    expect(anchor.read()).toEqual({ kind: 'damaged' });

    const sealed = JSON.parse(whole) as { seq: number; hash: string; mac: string };
    writeFileSync(anchor.file, JSON.stringify({ ...sealed, seq: 40 }));
    expect(readAnchorFile(anchor.file, (h) => anchor.seal(h))).toEqual({ kind: 'forged' });

    anchor.write({ seq: 42, hash: 'b'.repeat(64) });
    expect(anchor.read()).toEqual({ kind: 'head', head: { seq: 42, hash: 'b'.repeat(64) } });
    dir.remove();
  });
});
