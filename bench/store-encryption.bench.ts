/**
 * Cost of encryption at rest: the same database workload on plain better-sqlite3 and on
 * better-sqlite3-multiple-ciphers with the store's key (WAL, synchronous=NORMAL, as the store opens
 * it), and blob writes/reads through the encrypted FileBlobStore against plain temp+fsync+rename
 * files, in the same run. Prints times and the ratio encrypted / plain.
 *
 *   npx tsx bench/store-encryption.bench.ts [--rows N]
 */
import PlainDatabase from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newDataKey } from '../src/core/security/data-key';
import { FileBlobStore, sha256Hex } from '../src/core/store/blob-store';
import { openKeyed, type Db } from '../src/core/store/database';

const rows = Number(process.argv[process.argv.indexOf('--rows') + 1]) || 20_000;
const work = mkdtempSync(join(tmpdir(), 'sohoa-crypt-bench-'));
const key = newDataKey();

const time = (f: () => void) => {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

function workload(open: () => Db): Record<string, number> {
  const out: Record<string, number> = {};
  let db!: Db;
  out.open = time(() => {
    db = open();
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  });
  db.exec(`CREATE TABLE dossier (id INTEGER PRIMARY KEY, code TEXT, name TEXT, cccd TEXT, address TEXT, received TEXT) STRICT;
           CREATE INDEX dossier_cccd ON dossier (cccd);
           CREATE VIRTUAL TABLE search USING fts5 (body, tokenize = 'unicode61 remove_diacritics 2');`);
  const insert = db.prepare('INSERT INTO dossier (code, name, cccd, address, received) VALUES (?, ?, ?, ?, ?)');
  const index = db.prepare('INSERT INTO search (rowid, body) VALUES (?, ?)');
  const names = ['Nguyễn Văn Ánh', 'Trần Thị Bích Ngọc', 'Lê Hoàng Phúc', 'Phạm Minh Đức', 'Võ Thị Thu Hà'];
  out[`insert ${rows} rows + FTS, 100 per transaction`] = time(() => {
    for (let i = 0; i < rows; i += 100) {
      db.transaction(() => {
        for (let j = i; j < Math.min(rows, i + 100); j++) {
          const name = names[j % names.length]!;
          const id = insert.run(
            `H12.${j}`,
            name,
            `0740${String(93000000 + j).padStart(8, '0')}`,
            `Số ${j} đường ĐT743, Dĩ An, Bình Dương`,
            '2021-04-02',
          ).lastInsertRowid;
          index.run(id, `${name} trang ${j} giấy khai sinh hộ tịch ${j % 97}`);
        }
      })();
    }
  });
  out['1000 single-row commits'] = time(() => {
    for (let i = 0; i < 1000; i++) insert.run(`X.${i}`, 'Một dòng', '074093000000', 'x', '2021-01-01');
  });
  const byCccd = db.prepare('SELECT * FROM dossier WHERE cccd = ?');
  out['20000 indexed lookups'] = time(() => {
    for (let i = 0; i < 20_000; i++) byCccd.get(`0740${String(93000000 + ((i * 7919) % rows)).padStart(8, '0')}`);
  });
  const search = db.prepare('SELECT rowid FROM search WHERE search MATCH ? LIMIT 20');
  out['500 full-text queries'] = time(() => {
    for (let i = 0; i < 500; i++) search.all(`"trang" "${i % 97}"`);
  });
  out['full scan count'] = time(() => db.prepare("SELECT count(*) FROM dossier WHERE address LIKE '%Dĩ An%'").get());
  db.close();
  return out;
}

function plainBlobPut(root: string, bytes: Buffer): void {
  const hash = sha256Hex(bytes);
  const dir = join(root, hash.slice(0, 2), hash.slice(2, 4));
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `${hash}.tmp`);
  const fd = openSync(temp, 'w');
  writeSync(fd, bytes);
  fsyncSync(fd);
  closeSync(fd);
  renameSync(temp, join(dir, hash));
}

try {
  // Alternating rounds, best of each, so warm-up and a busy neighbour do not favour one side.
  const best = (a: Record<string, number> | undefined, b: Record<string, number>) =>
    a ? Object.fromEntries(Object.keys(b).map((k) => [k, Math.min(a[k]!, b[k]!)])) : b;
  let plain: Record<string, number> | undefined;
  let cipher: Record<string, number> | undefined;
  for (let round = 0; round < 3; round++) {
    for (const f of ['plain.db', 'cipher.db']) for (const side of ['', '-wal', '-shm']) rmSync(join(work, f + side), { force: true });
    plain = best(
      plain,
      workload(() => new PlainDatabase(join(work, 'plain.db'))),
    );
    cipher = best(
      cipher,
      workload(() => openKeyed(join(work, 'cipher.db'), key)),
    );
  }
  if (!plain || !cipher) throw new Error('no rounds');
  console.log(`database workload, best of 3 (ms)          plain     cipher    ratio`);
  for (const k of Object.keys(plain))
    console.log(
      `${k.padEnd(45)} ${plain[k]!.toFixed(1).padStart(8)} ${cipher[k]!.toFixed(1).padStart(9)} ${(cipher[k]! / plain[k]!).toFixed(2).padStart(7)}`,
    );
  const totalPlain = Object.entries(plain)
    .filter(([k]) => k !== 'open')
    .reduce((a, [, v]) => a + v, 0);
  const totalCipher = Object.entries(cipher)
    .filter(([k]) => k !== 'open')
    .reduce((a, [, v]) => a + v, 0);
  console.log(
    `${'total (without open)'.padEnd(45)} ${totalPlain.toFixed(1).padStart(8)} ${totalCipher.toFixed(1).padStart(9)} ${(totalCipher / totalPlain).toFixed(2).padStart(7)}`,
  );

  const blobs = Array.from({ length: 40 }, (_, i) => randomBytes(i % 2 ? 1_000_000 : 200_000));
  const mb = blobs.reduce((a, b) => a + b.length, 0) / 1e6;
  const store = new FileBlobStore(join(work, 'enc-blobs'), key);
  const plainWrite = time(() => blobs.forEach((b) => plainBlobPut(join(work, 'plain-blobs'), b)));
  const encWrite = time(() => blobs.forEach((b) => store.put(b)));
  const plainRead = time(() =>
    blobs.forEach((b) => {
      const h = sha256Hex(b);
      readFileSync(join(work, 'plain-blobs', h.slice(0, 2), h.slice(2, 4), h));
    }),
  );
  const encRead = time(() => blobs.forEach((b) => store.get(sha256Hex(b))));
  console.log(`\nblobs: ${blobs.length} files, ${mb.toFixed(1)} MB (ms)        plain     AES-GCM   ratio`);
  console.log(
    `${'write (temp + fsync + rename)'.padEnd(45)} ${plainWrite.toFixed(1).padStart(8)} ${encWrite.toFixed(1).padStart(9)} ${(encWrite / plainWrite).toFixed(2).padStart(7)}`,
  );
  console.log(
    `${'read (+ tag check)'.padEnd(45)} ${plainRead.toFixed(1).padStart(8)} ${encRead.toFixed(1).padStart(9)} ${(encRead / plainRead).toFixed(2).padStart(7)}`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
