/**
 * Dashboard benchmark: builds a store of 100,000 dossiers and 1,000,000 pages (bulk inserts in
 * transactions, no pipeline), then times every query the dashboard makes (median of a few runs, wall
 * clock and CPU time: on a loaded machine the CPU time is the steadier figure), the whole of what the
 * dashboard opens with (first on a fresh connection, then recomputed on a warm one, then through the
 * cache with no write in between), and as a reference in the same run one pass over every page row
 * (`SELECT sum(ocr_confidence) FROM page`), with the ratio. The dashboard reads summaries kept by
 * triggers (migration 23): the bench also times their fill on a store made before them (--keep on an
 * older store), a full check against a recount, and the cost per page added and per finalize with and
 * without the triggers, in pairs, in the same run, through the functions the app commits them with.
 * The store is not analysed (no sqlite_stat tables): the app never runs ANALYZE, so its plans are made without them.
 *
 *   npx tsx bench/indicators.bench.ts [--dossiers 100000] [--pages 1000000] [--runs 5] [--keep DIR] [--dashboard-only]
 *
 * --dashboard-only stops after the dashboard's figures (no summary check, no write costs).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { DrillFigure } from '../src/shared/indicators';
import { DRILL_FIGURES } from '../src/shared/indicators';
import {
  chartRange,
  computeBacklog,
  computeBreakdown,
  computeDashboard,
  computeIndicators,
  drillDown,
  localClock,
} from '../src/core/stats/indicators';
import { holidayCalendar } from '../src/core/result/holiday-calendar';
import { archivePagesPerDay, backlogCells } from '../src/core/store/backlog-queries';
import { DB_FILE, openDatabase, openKeyed, type Db } from '../src/core/store/database';
import { StatsCache } from '../src/core/stats/stats-cache';
import { storeVersion } from '../src/core/store/store-version';
import { SummaryRepository } from '../src/core/store/summary-repository';
import { IndicatorRepository } from '../src/core/store/indicator-repository';
import { SettingsRepository } from '../src/core/store/settings-repository';
import { schemaVersion } from '../src/core/store/database';
import { openStore, type Store } from '../src/core/store/store';
import { commitCapturedPage } from '../src/core/intake/page-intake';
import { commitFinalized, commitSignedVersion } from '../src/core/desk/finalize-dossier';
import { summaryDifferences } from '../src/core/store/summary-check';
import { checkSummariesInSlices } from '../src/core/stats/summary-check-in-slices';
import { AuditLog } from '../src/core/audit/audit-log';
import { AuditRepository } from '../src/core/store/audit-repository';
import { SUMMARIES, SUMMARY_FILL_SQL, SUMMARY_TRIGGERS, SUMMARY_TRIGGERS_SQL } from '../src/core/store/summary-schema';

/** The generated store is encrypted like a real one; a fixed key lets --keep reuse it. */
const BENCH_KEY = Buffer.alloc(32, 0x42);
import { intakeCounts, pagesPerDay, qualityCounts, syncCounts } from '../src/core/store/indicator-queries';

const { values } = parseArgs({
  options: {
    dossiers: { type: 'string' },
    pages: { type: 'string' },
    runs: { type: 'string' },
    keep: { type: 'string' },
    'dashboard-only': { type: 'boolean' },
  },
});
const DOSSIERS = Number(values.dossiers ?? 100_000);
const PAGES = Number(values.pages ?? 1_000_000);
const RUNS = Number(values.runs ?? 5);
const INTAKE_SHARE = 0.7;
const DAYS = 365;
/** Rounds of writes, with and without the triggers in pairs (the order swapped every pair): the write costs are small and the machine may be shared. */
const WRITE_ROUNDS = 24;

/** --keep DIR: build the store once in DIR and reuse it on the next runs (to try indexes quickly). */
const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'sohoa-indicators-bench-'));
const reuse = values.keep !== undefined && existsSync(join(dir, DB_FILE));

/** A deterministic pseudo-random sequence, so two runs build the same store. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function generate(db: Db): void {
  const rnd = random(42);
  const now = Date.now();
  const isoAt = (daysAgo: number) => new Date(now - daysAgo * 86_400_000).toISOString();
  db.prepare(
    `INSERT INTO workstation VALUES ('ws-1', 'Bàn 1', '000.00.00.H12', 'Một cửa', ?), ('ws-2', 'Bàn 2', '000.00.00.H12', 'Một cửa', ?)`,
  ).run(isoAt(DAYS), isoAt(DAYS));
  const fields = ['Hộ tịch', 'Đất đai', 'Xây dựng', 'Kinh doanh', 'Tư pháp'];
  const insertProcedure = db.prepare('INSERT INTO procedure (code, name, field, level, processing_days) VALUES (?, ?, ?, ?, ?)');
  for (let i = 0; i < 40; i++) insertProcedure.run(`TT-${i}`, `Thủ tục ${i}`, fields[i % fields.length], 'xã', 5 + (i % 10));
  db.prepare(`INSERT INTO batch (id, name, source, status, created_at) VALUES (1, 'Lưu trữ 2020-2021', '/archive', 'open', ?)`).run(
    isoAt(DAYS),
  );

  const insertDossier = db.prepare(
    `INSERT INTO dossier (id, code, kind, procedure_code, received_date, due_date, status, box, archive_number, year, batch_id, workstation_id, created_at, updated_at, finalized_at)
     VALUES (@id, @code, @kind, @procedure, @received, @due, @status, @box, @number, @year, @batch, @ws, @at, @at, @finalized)`,
  );
  const insertDocument = db.prepare(
    'INSERT INTO document (id, dossier_id, position, is_result, reused_from, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertPage = db.prepare(
    `INSERT INTO page (document_id, position, image_sha256, ocr_confidence, flags, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRecord = db.prepare(
    'INSERT INTO record (id, document_id, version, pdf_sha256, signed, signed_at, created_at) VALUES (?, ?, 1, ?, ?, ?, ?)',
  );
  const insertOutbox = db.prepare('INSERT INTO outbox_item (record_id, state, created_at, updated_at) VALUES (?, ?, ?, ?)');
  const insertAudit = db.prepare(
    `INSERT INTO audit_event (at, actor, workstation_id, action, subject, prev_hash, hash) VALUES (?, ?, 'ws-1', 'dossier.create', ?, '', '')`,
  );
  const insertTimestampAudit = db.prepare(
    `INSERT INTO audit_event (at, actor, workstation_id, action, subject, details, prev_hash, hash) VALUES (?, 'canbo1', 'ws-1', 'result.timestamp', ?, ?, '', '')`,
  );
  // A store of this build keeps it on the record version too (migration 27); an older one only in the audit log.
  const hasTimestampColumn = db.prepare(`SELECT 1 FROM pragma_table_info('record') WHERE name = 'sohoa_timestamped'`).get() !== undefined;
  const markTimestamped = db.prepare(hasTimestampColumn ? 'UPDATE record SET sohoa_timestamped = 1 WHERE id = ?' : 'SELECT ?');
  const insertRegister = db.prepare(
    `INSERT INTO archive_register_row (batch_id, line, box, archive_number, box_key, number_key, year, field, expected_pages) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertFolder = db.prepare(
    'INSERT INTO archive_folder (batch_id, rel_path, dossier_id, document_id, register_line) VALUES (1, ?, ?, ?, ?)',
  );
  let documentId = 0;
  let recordId = 0;
  const states = ['waiting', 'sending', 'acknowledged', 'acknowledged', 'rejected'] as const;

  db.transaction(() => {
    for (let id = 1; id <= DOSSIERS; id++) {
      const intake = id <= DOSSIERS * INTAKE_SHARE;
      const daysAgo = Math.floor(rnd() * DAYS);
      const at = isoAt(daysAgo + rnd());
      const received = at.slice(0, 10);
      const finalized = intake && rnd() < 0.7 ? isoAt(Math.max(0, daysAgo - rnd() * 15)) : null;
      const year = 2020 + (id % 2);
      const box = `H${Math.floor(id / 50)}`;
      insertDossier.run({
        id,
        code: `BENCH-${id}`,
        kind: intake ? 'intake' : 'archive',
        procedure: intake ? `TT-${id % 40}` : null,
        received: intake ? received : null,
        due: intake ? new Date(Date.parse(at) + 10 * 86_400_000).toISOString().slice(0, 10) : null,
        status: finalized ? 'finalized' : 'received',
        box: intake ? null : box,
        number: intake ? null : String(id),
        year: intake ? null : year,
        batch: intake ? null : 1,
        ws: id % 3 === 0 ? 'ws-2' : 'ws-1',
        at,
        finalized,
      });
      if (intake) insertAudit.run(at, `canbo${id % 12}`, `BENCH-${id}`);
      const docs = intake ? (rnd() < 0.5 ? 2 : 1) : 1;
      const dossierPages = Math.max(docs, Math.floor((id * PAGES) / DOSSIERS) - Math.floor(((id - 1) * PAGES) / DOSSIERS));
      for (let k = 0; k < docs; k++) {
        documentId++;
        insertDocument.run(documentId, id, k + 1, k === 1 ? 1 : 0, intake && rnd() < 0.05 && documentId > 1 ? 1 : null, at);
        const n = k === docs - 1 ? dossierPages - Math.floor(dossierPages / docs) * (docs - 1) : Math.floor(dossierPages / docs);
        for (let p = 0; p < n; p++) {
          const failed = rnd() < 0.02;
          insertPage.run(
            documentId,
            p + 1,
            `${documentId}-${p}`,
            failed ? null : 60 + rnd() * 40,
            rnd() < 0.08 ? '["low-dpi"]' : '[]',
            failed ? 'failed' : 'read',
            at,
          );
        }
        // One result in twenty of an open dossier was signed elsewhere and carries SoHoa's document timestamp.
        const timestamped = intake && k === 1 && !finalized && rnd() < 0.05;
        if (finalized || timestamped || (!intake && rnd() < 0.8)) {
          recordId++;
          const signed = finalized !== null || (!timestamped && rnd() < 0.7);
          insertRecord.run(recordId, documentId, `pdf-${recordId}`, signed ? 1 : 0, signed ? at : null, at);
          if (signed || timestamped) insertOutbox.run(recordId, states[recordId % states.length], at, at);
          if (timestamped) {
            insertTimestampAudit.run(at, String(documentId), JSON.stringify({ recordId, version: 1 }));
            if (hasTimestampColumn) markTimestamped.run(recordId);
          }
        }
      }
      if (!intake) {
        insertRegister.run(id, box, String(id), box, String(id), year, fields[id % fields.length], dossierPages + (id % 3));
        insertFolder.run(`${box}/${id}`, id, documentId, id);
      }
    }
    // Register rows not yet reached: the backlog left.
    for (let line = DOSSIERS + 1; line <= DOSSIERS + DOSSIERS * (1 - INTAKE_SHARE) * 0.25; line++) {
      insertRegister.run(
        line,
        `H${Math.floor(line / 50)}`,
        String(line),
        `H${Math.floor(line / 50)}`,
        String(line),
        2020 + (line % 2),
        fields[line % fields.length],
        10,
      );
    }
  })();
}

/**
 * Where a first opening's time goes: the store opened (the key applied and checked by a first read, the
 * connection's settings, the schema version checked), then each query of the dashboard on the connection's
 * empty page cache, in the order computeDashboard makes them.
 */
function firstOpeningSteps(): [string, { wall: number; cpu: number }][] {
  const steps: [string, { wall: number; cpu: number }][] = [];
  const step = <T>(name: string, fn: () => T): T => {
    let value: T | undefined;
    steps.push([name, once(() => (value = fn()))]);
    return value as T;
  };
  const probe = step('key applied and checked (a first read)', () => {
    const keyed = openKeyed(join(dir, DB_FILE), BENCH_KEY);
    keyed.prepare('SELECT count(*) FROM sqlite_master').get();
    return keyed;
  });
  probe.close();
  const db = step('store opened (key, settings, schema version)', () => openDatabase(dir, BENCH_KEY));
  const store = { indicators: new IndicatorRepository(db), settings: new SettingsRepository(db) };
  const clock = step('holiday calendar and clock', () => localClock(new Date(), holidayCalendar(store.settings)));
  step('intake counts', () => store.indicators.intakeCounts({}, clock));
  step('quality counts, with pages per flag', () => store.indicators.qualityCounts({}));
  step('sync counts', () => store.indicators.syncCounts());
  step('QC approved', () => store.indicators.qcApprovedDossiers());
  step('register row count', () => store.indicators.registerRowCount());
  step('backlog cells and pages left', () => store.indicators.backlogCells());
  step('archive pages per day (pace)', () => store.indicators.archivePagesPerDay(30));
  step('archive results digitized', () => store.indicators.archiveResultsDigitized());
  const range = chartRange({}, clock.today);
  step('pages per day, 30 days', () => store.indicators.pagesPerDay({}, range.from, range.to));
  db.close();
  return steps;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Wall-clock and CPU milliseconds of one call: on a loaded machine the CPU time is the steadier figure. */
function once(fn: () => unknown): { wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const t = performance.now();
  fn();
  const wall = performance.now() - t;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

function time(fn: () => unknown): { wall: number; cpu: number } {
  const runs = Array.from({ length: RUNS }, () => once(fn));
  return { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) };
}

/** Pages added to each dossier of a round: the first sets the dossier scanning, as at the desk. */
const PAGES_PER_DOSSIER = 5;

/**
 * The store's writes for a page added and a dossier finalized, as the app commits them (the same
 * functions): a page with its clean-up job and the dossier's work status (commitCapturedPage); each
 * document's signed version queued and audited, then the dossier's status and audit event
 * (commitSignedVersion, commitFinalized). The blobs (image, signed PDF) are written outside these
 * transactions and are not counted.
 */
function writeCost(
  store: Store,
  audit: AuditLog,
  round: string,
  count: number,
  what: 'page' | 'finalize' | 'both' = 'both',
): { page: { wall: number; cpu: number }; finalize: { wall: number; cpu: number }; dossiers: number; pages: number } {
  // Finalized dossiers leave this list: each round takes the next ones.
  const open = store.db
    .prepare(`SELECT id FROM dossier WHERE kind = 'intake' AND status IN ('received', 'scanning') ORDER BY id LIMIT ?`)
    .pluck()
    .all(count) as number[];
  if (open.length < count) throw new Error(`only ${open.length} dossiers left to write to: build a new store (no --keep)`);
  const documentsOf = store.db.prepare('SELECT id FROM document WHERE dossier_id = ? ORDER BY id').pluck();
  const ctx = { store, desk: store.desk, audit, actor: 'bench', now: () => new Date() };
  const per = (m: { wall: number; cpu: number }, n: number) => ({ wall: m.wall / n, cpu: m.cpu / n });
  const none = { wall: 0, cpu: 0 };
  const page =
    what === 'finalize'
      ? none
      : once(() => {
          for (const [i, id] of open.entries()) {
            const documentId = documentsOf.get(id) as number;
            for (let k = 0; k < PAGES_PER_DOSSIER; k++) commitCapturedPage(store, documentId, `bench-write-${round}-${i}-${k}`, 'bench');
          }
        });
  const finalize =
    what === 'page'
      ? none
      : once(() => {
          for (const id of open) {
            const documents = documentsOf.all(id) as number[];
            for (const documentId of documents)
              commitSignedVersion(ctx, documentId, {
                sha: `bench-pdf-${round}-${documentId}`,
                signer: 'bench',
                signingTime: new Date(),
                unstamped: null,
              });
            commitFinalized(ctx, id, { signed: documents.length, alreadySigned: 0 });
          }
        });
  const pages = open.length * PAGES_PER_DOSSIER;
  return { page: per(page, pages), finalize: per(finalize, open.length), dossiers: open.length, pages };
}

/** The database pages of each summary table and its indexes (dbstat), to name the pages a commit writes. */
function summaryPages(db: Db): Map<number, string> {
  const owner = new Map<number, string>();
  const tables = SUMMARIES.map((s) => s.table);
  for (const { name, table } of db
    .prepare(`SELECT name, tbl_name AS "table" FROM sqlite_schema WHERE tbl_name IN (${tables.map(() => '?').join(', ')})`)
    .all(...tables) as { name: string; table: string }[])
    for (const page of db.prepare('SELECT pageno FROM dbstat WHERE name = ?').pluck().all(name) as number[]) owner.set(page, table);
  return owner;
}

/** The page numbers of the WAL's frames between two of its sizes (a frame's header is not encrypted: its first field is the page's number). */
function walFramePages(wal: string, from: number, to: number, frameBytes: number): number[] {
  const bytes = readFileSync(wal);
  const pages: number[] = [];
  for (let at = Math.max(WAL_HEADER_BYTES, from); at + frameBytes <= to; at += frameBytes) pages.push(bytes.readUInt32BE(at));
  return pages;
}
const WAL_HEADER_BYTES = 32;

type PagesWritten = { total: number; summaries: Map<string, number> };

/**
 * How many database pages writeCost's commits append to the WAL, per page added and per dossier
 * finalized, with and without the triggers, and how many of them are summary pages (which table): the
 * automatic checkpoint held off meanwhile so the WAL only grows.
 */
function walFramesPerWrite(store: Store, audit: AuditLog, round: string, dropTriggers: () => void) {
  const db = store.db;
  const wal = join(store.dataDir, `${DB_FILE}-wal`);
  const frameBytes = (db.pragma('page_size', { simple: true }) as number) + 24;
  const owner = summaryPages(db);
  const written = (pages: number[], per: number): PagesWritten => {
    const summaries = new Map<string, number>();
    for (const page of pages) {
      const table = owner.get(page);
      if (table) summaries.set(table, (summaries.get(table) ?? 0) + 1 / per);
    }
    return { total: pages.length / per, summaries };
  };
  const measure = (r: string) => {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const { dossiers, pages } = writeCost(store, audit, r, 40, 'page');
    const between = statSync(wal).size;
    writeCost(store, audit, r, 40, 'finalize');
    const after = statSync(wal).size;
    return {
      page: written(walFramePages(wal, 0, between, frameBytes), pages),
      finalize: written(walFramePages(wal, between, after, frameBytes), dossiers),
    };
  };
  const checkpointEvery = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  try {
    const withTriggers = measure(`${round}-with`);
    dropTriggers();
    const without = measure(`${round}-without`);
    db.exec(SUMMARY_TRIGGERS_SQL);
    return { with: withTriggers, without };
  } finally {
    db.pragma(`wal_autocheckpoint = ${checkpointEvery}`);
  }
}

/** "dossier_summary 1.00, document_summary 0.77": the summary pages per write, most first. */
const summaryShares = (w: PagesWritten) =>
  [...w.summaries.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([table, n]) => `${table} ${n.toFixed(2)}`)
    .join(', ') || 'none';

const figure = (m: { wall: number; cpu: number }) => `${m.wall.toFixed(1).padStart(8)} ms (cpu ${m.cpu.toFixed(1).padStart(7)} ms)`;

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(`load average ${load()} (1, 5, 15 min; the machine may be shared: CPU times are the steadier figures)`);
try {
  const opened = performance.now();
  let db = openDatabase(dir, BENCH_KEY);
  console.log(
    `opened at schema ${schemaVersion(db)} in ${(performance.now() - opened).toFixed(0)} ms (a store made before migration 23 is summarized in this time)`,
  );
  const t = performance.now();
  if (!reuse) generate(db);
  const counts = db
    .prepare(
      `SELECT (SELECT count(*) FROM dossier) AS dossiers, (SELECT count(*) FROM page) AS pages, (SELECT count(*) FROM archive_register_row) AS registerRows`,
    )
    .get() as Record<string, number>;
  console.log(
    `store ${reuse ? 'reused' : `generated in ${((performance.now() - t) / 1000).toFixed(1)} s`}: ${counts.dossiers} dossiers, ${counts.pages} pages, ${counts.registerRows} register rows`,
  );
  // A fresh connection, as after the app starts: the first opening finds nothing decrypted in SQLite's cache.
  db.close();
  db = openDatabase(dir, BENCH_KEY);
  const figures = {
    indicators: new IndicatorRepository(db),
    settings: new SettingsRepository(db),
    transaction: <T>(fn: () => T) => db.transaction(fn)(),
  };
  const firstOpening = once(() => computeDashboard(figures, {}));
  const steps = firstOpeningSteps();

  const clock = localClock(new Date());
  const today = clock.today;
  const queries: [string, () => unknown][] = [
    ['intake counts', () => intakeCounts(db, {}, clock)],
    ['intake counts, one month', () => intakeCounts(db, { from: today.slice(0, 8) + '01', to: today }, clock)],
    ['intake counts, one procedure', () => intakeCounts(db, { procedureCode: 'TT-7' }, clock)],
    ['intake counts, one field', () => intakeCounts(db, { field: 'Đất đai' }, clock)],
    ['intake counts, one clerk', () => intakeCounts(db, { clerk: 'canbo3' }, clock)],
    ['quality counts, with pages per flag', () => qualityCounts(db, {})],
    ['sync counts', () => syncCounts(db)],
    ['backlog cells and pages left', () => backlogCells(db)],
    ['archive pages per day (pace)', () => archivePagesPerDay(db, 30)],
    ['pages per day, 30 days', () => pagesPerDay(db, {}, new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10), today)],
    ...(['workstation', 'clerk', 'procedure', 'field'] as const).map((d): [string, () => unknown] => [
      `breakdown by ${d}`,
      () => computeBreakdown(figures, {}, d),
    ]),
    ...DRILL_FIGURES.map((f: DrillFigure): [string, () => unknown] => [
      `drill-down ${f}, first 50`,
      () => drillDown(figures, {}, f, { limit: 50, offset: 0 }),
    ]),
    ['indicators (all tiles)', () => computeIndicators(figures, {})],
    ['backlog (all)', () => computeBacklog(figures)],
  ];
  const tiles = intakeCounts(db, {}, clock);
  console.log(
    `intake tiles: ${tiles.received} received, ${tiles.fullyDigitized} fully digitized, ${tiles.resultsDigitized} results digitized`,
  );
  const countMs = time(() => db.prepare('SELECT count(*) FROM page').get());
  console.log(`SELECT count(*) FROM page                ${figure(countMs)} (median of ${RUNS}; SQLite answers it from the smallest index)`);
  const reference = time(() => db.prepare('SELECT sum(ocr_confidence) FROM page').get());
  console.log(`reference: SELECT sum(ocr_confidence) FROM page (one pass over every page row) ${figure(reference)} (median of ${RUNS})`);
  const ratio = (m: { wall: number; cpu: number }) =>
    `×${(m.wall / reference.wall).toFixed(1)} reference (cpu ×${(m.cpu / reference.cpu).toFixed(1)})`;
  console.log(
    `dashboard opening, first on a fresh connection ${figure(firstOpening)}   ${ratio(firstOpening)}${firstOpening.wall > 300 ? '   OVER 300 ms' : ''}`,
  );
  console.log(
    'the first opening step by step, on another fresh connection (the store opened, then each query in the order the dashboard makes them):',
  );
  for (const [name, m] of steps) console.log(`  ${name.padEnd(44)} ${figure(m)}   ${ratio(m)}`);
  let slowest = 0;
  for (const [name, fn] of queries) {
    const m = time(fn);
    slowest = Math.max(slowest, m.wall);
    console.log(`${name.padEnd(36)} ${figure(m)}   ${ratio(m)}${m.wall > 100 ? '   OVER 100 ms' : ''}`);
  }
  const opening = time(() => computeDashboard(figures, {}));
  console.log(
    `dashboard opening, recomputed (stats.dashboard) ${figure(opening)}   ${ratio(opening)}${opening.wall > 1000 ? '   OVER 1 s' : ''}`,
  );
  const cache = new StatsCache({ changeMark: () => storeVersion(db), transaction: (fn) => db.transaction(fn)() });
  const keptFirst = once(() => cache.get('dashboard', () => computeDashboard(figures, {})));
  const keptAgain = time(() => cache.get('dashboard', () => computeDashboard(figures, {})));
  console.log(`dashboard opening through the cache: computed ${figure(keptFirst)}; again, no write between ${figure(keptAgain)}`);
  if (values['dashboard-only']) {
    console.log(`load average at the end ${load()}`);
    db.close();
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }
  const check = once(() => summaryDifferences(db));
  console.log(`summaries checked against a full recount ${figure(check)}: ${summaryDifferences(db).length} differences`);
  // As the app checks them at start: in slices, the event loop free between two; its longest wait is the longest the engine is held.
  const held = monitorEventLoopDelay({ resolution: 1 });
  const sliced = { cpu: process.cpuUsage(), wall: performance.now() };
  held.enable();
  const summaryStore = {
    summaries: new SummaryRepository(db),
    transaction: <T>(fn: () => T) => db.transaction(fn)(),
    isOpen: () => db.open,
  };
  const slices = await checkSummariesInSlices(summaryStore, new AuditLog(new AuditRepository(db), 'ws-1', () => new Date()), 'bench');
  held.disable();
  const slicedCpu = process.cpuUsage(sliced.cpu);
  console.log(
    `summaries checked in slices (as at start): ${slices.slices} slices, ${(performance.now() - sliced.wall).toFixed(0)} ms (cpu ${((slicedCpu.user + slicedCpu.system) / 1000).toFixed(0)} ms), ${slices.differences.length} differences; event loop held at most ${(held.max / 1e6).toFixed(1)} ms (p99 ${(held.percentile(99) / 1e6).toFixed(1)} ms)`,
  );

  // Writes with and without the triggers, in pairs, on dossiers not yet touched (the rows stay in the store).
  const WRITES = 200;
  const cost: Record<'with' | 'without', { page: number[]; finalize: number[] }> = {
    with: { page: [], finalize: [] },
    without: { page: [], finalize: [] },
  };
  const store = openStore(dir, BENCH_KEY);
  const writeAudit = new AuditLog(store.audit, 'ws-1', () => new Date());
  const run = Date.now().toString(36);
  const dropTriggers = () => store.db.exec(SUMMARY_TRIGGERS.map((name) => `DROP TRIGGER ${name};`).join('\n'));
  // A first round not counted: it warms the cache and the statements for both modes, which would otherwise charge it to the first.
  writeCost(store, writeAudit, `${run}-0`, WRITES);
  for (let round = 1; round <= WRITE_ROUNDS; round++) {
    // with, without; without, with; …: a drift over the rounds weighs on both alike.
    const triggers = [true, false, false, true][(round - 1) % 4]!;
    if (!triggers) dropTriggers();
    const m = writeCost(store, writeAudit, `${run}-${round}`, WRITES);
    if (!triggers) store.db.exec(SUMMARY_TRIGGERS_SQL);
    cost[triggers ? 'with' : 'without'].page.push(m.page.cpu);
    cost[triggers ? 'with' : 'without'].finalize.push(m.finalize.cpu);
    console.log(
      `writes ${triggers ? 'with   ' : 'without'} triggers: per page added ${m.page.wall.toFixed(3)} ms (cpu ${m.page.cpu.toFixed(3)} ms), per finalize ${m.finalize.wall.toFixed(3)} ms (cpu ${m.finalize.cpu.toFixed(3)} ms)`,
    );
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const pairRatios = (of: 'page' | 'finalize') => cost.with[of].map((w, i) => w / cost.without[of][i]!);
  console.log(
    `write cost with triggers / without (cpu): page added ×${(mean(cost.with.page) / mean(cost.without.page)).toFixed(2)}, finalize ×${(mean(cost.with.finalize) / mean(cost.without.finalize)).toFixed(2)} (target ≤ 1.2); median of the ${cost.with.page.length} pairs: page added ×${median(pairRatios('page')).toFixed(2)}, finalize ×${median(pairRatios('finalize')).toFixed(2)}`,
  );
  const frames = walFramesPerWrite(store, writeAudit, `${run}-frames`, dropTriggers);
  console.log(
    `pages written to the WAL (what the commits encrypt and write), with / without triggers: per page added ${frames.with.page.total.toFixed(2)} / ${frames.without.page.total.toFixed(2)}, per finalize ${frames.with.finalize.total.toFixed(2)} / ${frames.without.finalize.total.toFixed(2)}`,
  );
  console.log(
    `  of which summary pages, with triggers: per page added ${summaryShares(frames.with.page)}; per finalize ${summaryShares(frames.with.finalize)} (without: ${summaryShares(frames.without.page)}; ${summaryShares(frames.without.finalize)})`,
  );
  store.close();
  const rebuild = once(() => db.transaction(() => db.exec(SUMMARY_FILL_SQL))());
  console.log(`summaries rebuilt from the base tables ${figure(rebuild)}; differences after: ${summaryDifferences(db).length}`);
  console.log(
    `slowest single query ${slowest.toFixed(1)} ms (target < 100 ms); opening ${opening.wall.toFixed(1)} ms, first ${firstOpening.wall.toFixed(1)} ms (cpu ${firstOpening.cpu.toFixed(1)} ms; target < 300 ms)`,
  );
  console.log(`load average at the end ${load()}`);
  db.close();
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}
