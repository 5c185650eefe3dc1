import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileBlobStore } from '../../src/core/store/blob-store';
import { TEST_KEY } from '../support/data-key';
import { codeOfSync } from '../support/coded-error';
import { tempDir } from '../support/temp-dir';

describe('FileBlobStore', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());
  const store = new FileBlobStore(join(dir.path, 'blobs'), TEST_KEY);

  it('stores bytes encrypted under blobs/ab/cd/<sha256 of the clear bytes> and reads them back', () => {
    const bytes = Buffer.from('Trang 1 — hồ sơ khai sinh của Nguyễn Thị Hoà');
    const expected = createHash('sha256').update(bytes).digest('hex');
    const hash = store.put(bytes);
    expect(hash).toBe(expected);
    const path = join(dir.path, 'blobs', expected.slice(0, 2), expected.slice(2, 4), expected);
    expect(store.pathOf(hash)).toBe(path);
    const raw = readFileSync(path);
    expect(raw.subarray(0, 5)).toEqual(Buffer.from([0x53, 0x4f, 0x48, 0x42, 1]));
    expect(raw.includes(Buffer.from('Nguyễn'))).toBe(false);
    expect(raw.includes(Buffer.from('khai sinh'))).toBe(false);
    expect(raw.length).toBe(bytes.length + 5 + 12 + 16);
    expect(store.get(hash).equals(bytes)).toBe(true);
  });

  it('uses a fresh nonce for every file, so equal content under two keys looks unrelated', () => {
    const other = new FileBlobStore(join(dir.path, 'other'), Buffer.alloc(32, 1));
    const bytes = Buffer.from('cùng một nội dung');
    const a = readFileSync(store.pathOf(store.put(bytes)));
    const b = readFileSync(other.pathOf(other.put(bytes)));
    expect(a.subarray(5, 17).equals(b.subarray(5, 17))).toBe(false);
    expect(a.subarray(17).equals(b.subarray(17))).toBe(false);
  });

  it('stores the same content once and leaves no temp files', () => {
    const bytes = Buffer.from('same content');
    const a = store.put(bytes);
    const b = store.put(Buffer.from(bytes));
    expect(a).toBe(b);
    const folder = join(dir.path, 'blobs', a.slice(0, 2), a.slice(2, 4));
    expect(readdirSync(folder)).toEqual([a]);
  });

  it('gives a coded error for a flipped byte, a file swapped under another name, a file in clear, a missing file and the wrong key', () => {
    const a = store.put(Buffer.from('giấy khai sinh A'));
    const b = store.put(Buffer.from('giấy khai sinh B'));
    const raw = readFileSync(store.pathOf(a));
    const flipped = Buffer.from(raw);
    flipped[20]! ^= 1;
    writeFileSync(store.pathOf(a), flipped);
    expect(codeOfSync(() => store.get(a))).toBe('store.blob-tampered');
    writeFileSync(store.pathOf(a), readFileSync(store.pathOf(b)));
    expect(codeOfSync(() => store.get(a))).toBe('store.blob-tampered');
    writeFileSync(store.pathOf(a), Buffer.from('giấy khai sinh A'));
    expect(codeOfSync(() => store.get(a))).toBe('store.blob-tampered');
    renameSync(store.pathOf(a), `${store.pathOf(a)}.gone`);
    expect(codeOfSync(() => store.get(a))).toBe('store.blob-missing');
    expect(codeOfSync(() => new FileBlobStore(join(dir.path, 'blobs'), Buffer.alloc(32, 2)).get(b))).toBe('store.blob-tampered');
    expect(store.get(b).toString()).toBe('giấy khai sinh B');
  });

  it('encrypts, once, the blobs an earlier version wrote in clear', () => {
    const root = join(dir.path, 'legacy');
    const legacy = new FileBlobStore(root, TEST_KEY);
    const bytes = Buffer.from('hồ sơ cũ, chưa mã hoá');
    const hash = createHash('sha256').update(bytes).digest('hex');
    const path = legacy.pathOf(hash);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, bytes);
    writeFileSync(`${path}.abc.tmp`, bytes);
    expect(legacy.encryptPlainFiles()).toBe(1);
    expect(readFileSync(path).includes(Buffer.from('chưa mã hoá'))).toBe(false);
    expect(readdirSync(join(path, '..'))).toEqual([hash]);
    expect(legacy.get(hash).equals(bytes)).toBe(true);
    expect(legacy.encryptPlainFiles()).toBe(0);
  });

  it('refuses a path that is not a hash', () => {
    expect(() => store.pathOf('../../etc/passwd')).toThrow(/Not a SHA-256/);
  });
});
