import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileBlobStore } from '../../src/core/store/blob-store';
import { tempDir } from '../support/temp-dir';

describe('FileBlobStore', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());
  const store = new FileBlobStore(join(dir.path, 'blobs'));

  it('stores bytes under blobs/ab/cd/<sha256> and reads them back', () => {
    const bytes = Buffer.from('Trang 1 — hồ sơ khai sinh');
    const expected = createHash('sha256').update(bytes).digest('hex');
    const hash = store.put(bytes);
    expect(hash).toBe(expected);
    const path = join(dir.path, 'blobs', expected.slice(0, 2), expected.slice(2, 4), expected);
    expect(store.pathOf(hash)).toBe(path);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(store.get(hash).equals(bytes)).toBe(true);
  });

  it('stores the same content once and leaves no temp files', () => {
    const bytes = Buffer.from('same content');
    const a = store.put(bytes);
    const b = store.put(Buffer.from(bytes));
    expect(a).toBe(b);
    const folder = join(dir.path, 'blobs', a.slice(0, 2), a.slice(2, 4));
    expect(readdirSync(folder)).toEqual([a]);
  });

  it('refuses a path that is not a hash', () => {
    expect(() => store.pathOf('../../etc/passwd')).toThrow(/Not a SHA-256/);
  });
});
