import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { readFilesAsPages } from '../../src/core/intake/read-files';
import { createHandlers } from '../../src/core/service';
import { computeBacklog, computeBreakdown, computeDashboard, computeIndicators, drillDown } from '../../src/core/stats/indicators';
import { DRILL_FIGURES, type DrillFigure } from '../../src/shared/indicators';
import { runSohoa } from '../support/cli';
import { storeHandBack } from '../support/hand-back-row';
import { tempDir } from '../support/temp-dir';
import { setTestAgency } from '../support/agency';
import { insertArchiveDossier } from '../support/archive-dossier';

type Clerk = 'local' | 'canbo-b';
/** What each generated dossier holds; the expected figures are counted from this list, not from the store. */
interface Plan {
  received: string;
  procedure?: 'MAU-HT-01' | 'MAU-DD-01';
  clerk?: Clerk;
  due?: string;
  /** When the dossier was finalized (UTC instant), if it was. */
  finalizedAt?: string;
  /** When its result was handed back (UTC instant), if it was. */
  returnedAt?: string;
  docs: {
    signed: boolean;
    result?: boolean;
    reused?: boolean;
    pages: { state: 'read' | 'failed'; flags: string[]; confidence: number }[];
  }[];
  outbox?: 'waiting' | 'acknowledged' | 'rejected';
}

const now = new Date();
const localDayOf = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const today = localDayOf(now);
/** Noon of a local day, as a UTC instant: no time zone puts it on another day. */
const localNoon = (day: string) => new Date(`${day}T12:00:00`).toISOString();

const plans: Plan[] = [
  {
    received: '2021-01-04',
    due: '2021-01-08',
    finalizedAt: localNoon('2021-01-05'),
    returnedAt: localNoon('2021-01-08'),
    docs: [{ signed: true, pages: [{ state: 'read', flags: [], confidence: 90 }] }],
    outbox: 'acknowledged',
  },
  {
    received: '2021-01-05',
    procedure: 'MAU-DD-01',
    clerk: 'canbo-b',
    due: '2021-01-06',
    finalizedAt: localNoon('2021-01-05'),
    returnedAt: localNoon('2021-01-07'),
    docs: [
      { signed: true, pages: [{ state: 'read', flags: ['low-dpi'], confidence: 70 }] },
      { signed: true, result: true, pages: [{ state: 'read', flags: [], confidence: 80 }] },
    ],
    outbox: 'waiting',
  },
  {
    received: '2021-02-01',
    clerk: 'canbo-b',
    due: '2021-02-05',
    finalizedAt: localNoon('2021-02-02'),
    docs: [
      { signed: true, pages: [] },
      { signed: false, pages: [{ state: 'failed', flags: [], confidence: 0 }] },
    ],
  },
  {
    received: '2021-02-02',
    procedure: 'MAU-DD-01',
    docs: [{ signed: true, reused: true, pages: [{ state: 'read', flags: ['blurred', 'low-dpi'], confidence: 60 }] }],
    outbox: 'rejected',
  },
  { received: '2021-03-01', docs: [] },
  {
    received: today,
    due: '2999-12-31',
    clerk: 'canbo-b',
    docs: [{ signed: false, pages: [{ state: 'read', flags: ['blurred'], confidence: 95 }] }],
  },
];

// Signed and filed (finalized), with every component signed: a dossier still at the desk never counts.
const fullyDigitized = (p: Plan) =>
  !!p.finalizedAt && p.docs.some((d) => !d.result) && p.docs.filter((d) => !d.result).every((d) => d.signed);
const FIGURE: Record<DrillFigure, (p: Plan) => boolean> = {
  received: () => true,
  fullyDigitized,
  notFullyDigitized: (p) => !fullyDigitized(p),
  resultsDigitized: (p) => p.docs.some((d) => d.result && d.signed),
  reused: (p) => p.docs.some((d) => d.reused),
  // Counted from the hand-back, not from the finalization (the due dates here are working days).
  onTime: (p) => !!p.returnedAt && !!p.due && localDayOf(new Date(p.returnedAt)) <= p.due,
  late: (p) => !!p.returnedAt && !!p.due && localDayOf(new Date(p.returnedAt)) > p.due,
  openPastDue: (p) => !p.returnedAt && !!p.due && p.due < today,
};

function expected(subset: Plan[]) {
  const pages = subset.flatMap((p) => p.docs.flatMap((d) => d.pages));
  const read = pages.filter((p) => p.state === 'read');
  const count = (f: DrillFigure) => subset.filter(FIGURE[f]).length;
  const flagNames = [...new Set(pages.flatMap((p) => p.flags))];
  return {
    received: subset.length,
    fullyDigitized: count('fullyDigitized'),
    resultsDigitized: count('resultsDigitized'),
    reused: count('reused'),
    onTime: count('onTime'),
    late: count('late'),
    openPastDue: count('openPastDue'),
    withDue: subset.filter((p) => p.due).length,
    returnedWithDue: subset.filter((p) => p.due && p.returnedAt).length,
    pages: pages.length,
    failed: pages.filter((p) => p.state === 'failed').length,
    flagged: pages.filter((p) => p.flags.length > 0).length,
    flags: flagNames.map((flag) => ({ flag, pages: pages.filter((p) => p.flags.includes(flag)).length })),
    meanConfidence: read.reduce((s, p) => s + p.confidence, 0) / read.length,
  };
}

/** Archive register rows and what was done for each; the backlog is counted from this list. */
interface ArchiveRow {
  line: number;
  year: number;
  field: string;
  box: string;
  expectedPages: number | null;
  folder: { pages: number; record: 'signed' | 'unsigned' | null; daysAgo: number } | null;
}
const archive: ArchiveRow[] = [
  { line: 1, year: 2020, field: 'Hộ tịch', box: 'H1', expectedPages: 3, folder: { pages: 3, record: 'signed', daysAgo: 3 } },
  { line: 2, year: 2020, field: 'Hộ tịch', box: 'H1', expectedPages: 2, folder: { pages: 2, record: 'unsigned', daysAgo: 2 } },
  { line: 3, year: 2020, field: 'Hộ tịch', box: 'H2', expectedPages: 4, folder: { pages: 1, record: null, daysAgo: 2 } },
  { line: 4, year: 2021, field: 'Đất đai', box: 'D1', expectedPages: 5, folder: null },
  { line: 5, year: 2021, field: 'Đất đai', box: 'D1', expectedPages: null, folder: null },
];

describe('supervisor indicators', () => {
  const dir = tempDir();
  const out = tempDir();
  let engine: Engine;
  const codes: string[] = [];

  beforeAll(async () => {
    engine = setTestAgency(Engine.open({ dataDir: dir.path }));
    const { store } = engine;
    const clerkB = createHandlers({
      store,
      audit: engine.audit,
      events: engine.events,
      workstation: engine.workstation,
      settings: engine.settings,
      agency: () => engine.agency(),
      actor: 'canbo-b',
      caller: () => ({ kind: 'system', name: 'canbo-b' }),
      accounts: engine.accounts,
      sessions: engine.sessions,
      readFiles: readFilesAsPages,
    });
    let firstDocument: number | null = null;
    for (const [i, plan] of plans.entries()) {
      const handlers = plan.clerk === 'canbo-b' ? clerkB : engine.handlers;
      const d = await handlers['dossier.create']({
        procedureCode: plan.procedure ?? 'MAU-HT-01',
        applicantName: `Người nộp ${i}`,
        applicantCccd: '074093513649',
        receivedDate: plan.received,
        dueDate: plan.due,
      });
      codes.push(d.code);
      if (!plan.due) store.db.prepare('UPDATE dossier SET due_date = NULL WHERE id = ?').run(d.id);
      if (plan.finalizedAt) {
        store.dossiers.markFinalized(d.id, plan.finalizedAt);
        store.db.prepare(`UPDATE dossier SET status = 'finalized' WHERE id = ?`).run(d.id);
      }
      if (plan.returnedAt)
        storeHandBack(store, d.id, plan.returnedAt, localDayOf(new Date(plan.returnedAt)) <= plan.due!, plan.due ?? null);
      for (const doc of plan.docs) {
        const docId = store.documents.create(d.id, null, null);
        firstDocument ??= docId;
        store.db
          .prepare('UPDATE document SET is_result = ?, reused_from = ? WHERE id = ?')
          .run(doc.result ? 1 : 0, doc.reused ? firstDocument : null, docId);
        for (const [k, page] of doc.pages.entries()) {
          const pageId = store.pages.addPage(docId, store.blobs.put(Buffer.from(`${i}-${docId}-${k}`)), null).id;
          store.db
            .prepare('UPDATE page SET state = ?, flags = ?, ocr_confidence = ? WHERE id = ?')
            .run(page.state, JSON.stringify(page.flags), page.confidence, pageId);
        }
        const rec = store.records.addVersion(
          docId,
          store.blobs.put(Buffer.from(`pdf ${docId}`)),
          doc.signed ? { signer: 'CN=Test', signedAt: '2021-03-01T00:00:00Z' } : null,
        );
        if (plan.outbox && doc.signed && !doc.result) {
          store.records.enqueueForSync(rec.id);
          store.db.prepare('UPDATE outbox_item SET state = ? WHERE record_id = ?').run(plan.outbox, rec.id);
        }
      }
    }
    // The archive: one batch, its register, and the folders digitized so far.
    const batchId = Number(
      store.db.prepare(`INSERT INTO batch (name, source, created_at) VALUES ('Lưu trữ', '/lt', ?)`).run(now.toISOString()).lastInsertRowid,
    );
    for (const row of archive) {
      store.db
        .prepare(
          'INSERT INTO archive_register_row (batch_id, line, box, archive_number, box_key, number_key, year, field, expected_pages) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(batchId, row.line, row.box, String(row.line), row.box, String(row.line), row.year, row.field, row.expectedPages);
      if (!row.folder) continue;
      const prefix = `LT-${batchId}-`;
      const d = insertArchiveDossier(engine, { batchId, box: row.box, archiveNumber: String(row.line), year: row.year, prefix });
      const docId = store.documents.create(d.id, 'Hồ sơ lưu trữ', null);
      store.db
        .prepare('INSERT INTO archive_folder (batch_id, rel_path, dossier_id, document_id, register_line) VALUES (?, ?, ?, ?, ?)')
        .run(batchId, `${row.box}/${row.line}`, d.id, docId, row.line);
      const at = new Date(now.getTime() - row.folder.daysAgo * 86_400_000);
      at.setHours(12, 0, 0, 0);
      for (let k = 0; k < row.folder.pages; k++) {
        const pageId = store.pages.addPage(docId, store.blobs.put(Buffer.from(`archive ${row.line} ${k}`)), null).id;
        store.db.prepare(`UPDATE page SET state = 'read', ocr_confidence = 90, created_at = ? WHERE id = ?`).run(at.toISOString(), pageId);
      }
      if (row.folder.record)
        store.records.addVersion(
          docId,
          store.blobs.put(Buffer.from(`archive pdf ${row.line}`)),
          row.folder.record === 'signed' ? { signer: 'CN=Test', signedAt: at.toISOString() } : null,
        );
    }
  });
  afterAll(async () => {
    await engine.close();
    dir.remove();
    out.remove();
  });

  it('match counts made independently from what was put in', () => {
    const e = expected(plans);
    const got = computeIndicators(engine.store);
    expect(got.empty).toBe(false);
    expect(got.notices).toEqual([]);
    expect(got.intake.received).toBe(e.received);
    expect(got.intake.fullyDigitized).toEqual({ count: e.fullyDigitized, of: e.received, rate: e.fullyDigitized / e.received });
    expect(got.intake.resultsDigitized.count).toBe(e.resultsDigitized);
    expect(got.intake.reused.count).toBe(e.reused);
    expect(got.quality.pages).toBe(e.pages);
    expect(got.quality.failed.count).toBe(e.failed);
    expect(got.quality.flagged.count).toBe(e.flagged);
    expect(got.quality.meanConfidence).toBeCloseTo(e.meanConfidence, 6);
    expect(got.sync).toMatchObject({
      waiting: plans.filter((p) => p.outbox === 'waiting').length,
      acknowledged: plans.filter((p) => p.outbox === 'acknowledged').length,
      rejected: plans.filter((p) => p.outbox === 'rejected').length,
    });
    expect(got.sync.oldestWaitingHours).not.toBeNull();
  });

  it('count on time, late and open past due against the due dates', () => {
    const e = expected(plans);
    const got = computeIndicators(engine.store).intake;
    expect(e.onTime + e.late + e.openPastDue).toBeGreaterThan(2);
    expect(got.onTime).toEqual({ count: e.onTime, of: e.returnedWithDue, rate: e.onTime / e.returnedWithDue });
    expect(got.late).toEqual({ count: e.late, of: e.returnedWithDue, rate: e.late / e.returnedWithDue });
    expect(got.openPastDue).toEqual({ count: e.openPastDue, of: e.withDue, rate: e.openPastDue / e.withDue });
  });

  it('count pages per flag, QC approvals, and say re-scans and QC rejections are not recorded (null, not 0)', () => {
    const got = computeIndicators(engine.store).quality;
    expect([...got.flags].sort((a, b) => a.flag.localeCompare(b.flag))).toEqual(
      [...expected(plans).flags].sort((a, b) => a.flag.localeCompare(b.flag)),
    );
    expect(got.rescans).toBeNull();
    expect(got.qcApproved).toBe(0);
    expect(got.qcRejected).toBeNull();
  });

  it('follow a date range, a procedure, a field and a clerk', () => {
    const cases: [Parameters<typeof computeIndicators>[1], (p: Plan) => boolean][] = [
      [{ from: '2021-02-01', to: '2021-02-28' }, (p) => p.received >= '2021-02-01' && p.received <= '2021-02-28'],
      [{ procedureCode: 'MAU-DD-01' }, (p) => p.procedure === 'MAU-DD-01'],
      [{ field: 'Đất đai' }, (p) => p.procedure === 'MAU-DD-01'],
      [{ field: 'Hộ tịch' }, (p) => p.procedure !== 'MAU-DD-01'],
      [{ clerk: 'canbo-b' }, (p) => p.clerk === 'canbo-b'],
      [{ clerk: 'local', from: '2021-01-01' }, (p) => p.clerk !== 'canbo-b' && p.received >= '2021-01-01'],
    ];
    for (const [filter, keep] of cases) {
      const e = expected(plans.filter(keep));
      const got = computeIndicators(engine.store, filter);
      expect(got.intake.received, JSON.stringify(filter)).toBe(e.received);
      expect(got.intake.fullyDigitized.count, JSON.stringify(filter)).toBe(e.fullyDigitized);
      expect(got.intake.late.count, JSON.stringify(filter)).toBe(e.late);
      expect(got.quality.pages, JSON.stringify(filter)).toBe(e.pages);
    }
  });

  it('break the figures down per clerk, procedure, field and workstation', () => {
    const dims = {
      clerk: (p: Plan) => p.clerk ?? 'local',
      procedure: (p: Plan) => p.procedure ?? 'MAU-HT-01',
      field: (p: Plan) => (p.procedure === 'MAU-DD-01' ? 'Đất đai' : 'Hộ tịch'),
      workstation: () => engine.workstation.id,
    };
    for (const [dim, keyOf] of Object.entries(dims) as [keyof typeof dims, (p: Plan) => string][]) {
      const rows = computeBreakdown(engine.store, {}, dim);
      const keys = [...new Set(plans.map(keyOf))].sort();
      expect(rows.map((r) => r.key).sort(), dim).toEqual(keys);
      for (const key of keys) {
        const e = expected(plans.filter((p) => keyOf(p) === key));
        expect(
          rows.find((r) => r.key === key),
          `${dim} ${key}`,
        ).toMatchObject({
          received: e.received,
          fullyDigitized: e.fullyDigitized,
          resultsDigitized: e.resultsDigitized,
          reused: e.reused,
          onTime: e.onTime,
          late: e.late,
          openPastDue: e.openPastDue,
        });
      }
    }
    expect(computeBreakdown(engine.store, {}, 'procedure').find((r) => r.key === 'MAU-DD-01')?.label).toBe('Tách thửa hoặc hợp thửa đất');
  });

  it('drill down from each figure to the dossiers behind it, a page at a time', () => {
    for (const figure of DRILL_FIGURES) {
      const want = plans.flatMap((p, i) => (FIGURE[figure](p) ? [codes[i]] : [])).sort();
      const first = drillDown(engine.store, {}, figure, { limit: 2, offset: 0 });
      const rest = drillDown(engine.store, {}, figure, { limit: 50, offset: 2 });
      expect(first.total, figure).toBe(want.length);
      expect(first.items.length, figure).toBe(Math.min(2, want.length));
      expect([...first.items, ...rest.items].map((r) => r.code).sort(), figure).toEqual(want);
    }
    const byClerk = drillDown(engine.store, { clerk: 'canbo-b' }, 'late', { limit: 10, offset: 0 });
    // A clerk's filter is counted over the dossiers, not from the day rows: its total too.
    expect(byClerk.total).toBe(plans.filter((p) => p.clerk === 'canbo-b' && FIGURE.late(p)).length);
    const late = byClerk.items;
    const i = plans.findIndex((p) => p.clerk === 'canbo-b' && FIGURE.late(p));
    expect(late).toEqual([
      {
        id: expect.any(Number),
        code: codes[i],
        procedureCode: 'MAU-DD-01',
        procedureName: 'Tách thửa hoặc hợp thửa đất',
        receivedDate: plans[i]!.received,
        dueDate: plans[i]!.due,
        status: 'returned',
      },
    ]);
  });

  it('measure the archive backlog per year, field and box against the register', () => {
    const b = computeBacklog(engine.store);
    expect(b.registersImported).toBe(true);
    expect(b.approvalTracked).toBe(true);
    const cellKeys = [...new Set(archive.map((r) => `${r.year}|${r.field}|${r.box}`))].sort();
    expect(b.cells.map((c) => `${c.year}|${c.field}|${c.box}`).sort()).toEqual(cellKeys);
    for (const key of cellKeys) {
      const rows = archive.filter((r) => `${r.year}|${r.field}|${r.box}` === key);
      const known = rows.filter((r) => r.expectedPages !== null);
      expect(
        b.cells.find((c) => `${c.year}|${c.field}|${c.box}` === key),
        key,
      ).toEqual({
        year: rows[0]!.year,
        field: rows[0]!.field,
        box: rows[0]!.box,
        registered: rows.length,
        expectedPages: known.length ? known.reduce((s, r) => s + r.expectedPages!, 0) : null,
        captured: rows.filter((r) => (r.folder?.pages ?? 0) > 0).length,
        digitized: rows.filter((r) => r.folder?.record).length,
        approved: 0,
        signed: rows.filter((r) => r.folder?.record === 'signed').length,
        pages: rows.reduce((s, r) => s + (r.folder?.pages ?? 0), 0),
      });
    }
    const notDigitized = archive.filter((r) => !r.folder?.record);
    expect(b.totals.pagesLeft).toBe(notDigitized.reduce((s, r) => s + (r.expectedPages ?? 0), 0));
    expect(b.totals.rowsWithoutPageCount).toBe(notDigitized.filter((r) => r.expectedPages === null).length);
    const perDay = new Map<number, number>();
    for (const r of archive) if (r.folder) perDay.set(r.folder.daysAgo, (perDay.get(r.folder.daysAgo) ?? 0) + r.folder.pages);
    const pace = [...perDay.values()].reduce((s, n) => s + n, 0) / perDay.size;
    expect(b.pagesPerDay.map((d) => d.pages).sort()).toEqual([...perDay.values()].sort());
    expect(b.pace).toBeCloseTo(pace, 9);
    expect(b.daysLeft).toBeCloseTo(b.totals.pagesLeft! / pace, 9);
  });

  it('chart the intake pages captured per day over the range, the same pages as the "pages" tile', () => {
    const d = computeDashboard(engine.store, {});
    const intakePages = plans.flatMap((p) => p.docs.flatMap((x) => x.pages)).length;
    expect(d.pagesPerDay.reduce((s, x) => s + x.pages, 0)).toBe(intakePages);
    expect(d.indicators.quality.pages).toBe(intakePages);
    expect(d.pagesPerDay.find((x) => x.day === today)?.pages).toBe(intakePages);
    const land = computeDashboard(engine.store, { procedureCode: 'MAU-DD-01' });
    const landPages = plans.filter((p) => p.procedure === 'MAU-DD-01').flatMap((p) => p.docs.flatMap((x) => x.pages)).length;
    expect(landPages).toBeGreaterThan(0);
    expect(landPages).toBeLessThan(intakePages);
    expect(land.pagesPerDay.reduce((s, x) => s + x.pages, 0)).toBe(landPages);
    expect(land.indicators.quality.pages).toBe(landPages);
  });

  it('say plainly when there is nothing to count, when the range is in the future, and refuse a backwards range', () => {
    const none = computeIndicators(engine.store, { from: '2030-01-01', to: '2030-12-31' });
    expect(none.empty).toBe(true);
    expect(none.notices).toEqual(['empty-range', 'future-range']);
    expect(none.intake.fullyDigitized.rate).toBeNull();
    expect(none.intake.onTime.rate).toBeNull();
    expect(() => computeIndicators(engine.store, { from: '2021-03-01', to: '2021-01-01' })).toThrow(/ends .* before it starts/);
    expect(() => drillDown(engine.store, { from: '2021-03-01', to: '2021-01-01' }, 'received', { limit: 5, offset: 0 })).toThrow(
      /before it starts/,
    );
  });

  it('are printed by sohoa status --json, and exported to XLSX and a Vietnamese PDF', async () => {
    const xlsx = join(out.path, 'bao-cao.xlsx');
    const pdf = join(out.path, 'bao-cao.pdf');
    const r = runSohoa([
      'status',
      '--json',
      '--data-dir',
      dir.path,
      '--from',
      '2021-01-01',
      '--to',
      '2021-01-31',
      '--xlsx',
      xlsx,
      '--pdf',
      pdf,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const january = plans.filter((p) => p.received.startsWith('2021-01'));
    const json = JSON.parse(r.stdout);
    expect(json.indicators.intake.received).toBe(january.length);
    expect(json.indicators.intake.late.count).toBe(expected(january).late);
    expect(json.backlog.totals.registered).toBe(archive.length);

    const rows = await readSheet(readFileSync(xlsx), 'Chỉ số');
    const valueOf = (label: string) => rows.find((row) => row[1] === label)?.[2];
    expect(valueOf('Hồ sơ đã tiếp nhận')).toBe(january.length);
    expect(valueOf('Hoàn thành trễ hạn')).toBe(expected(january).late);
    expect(valueOf('Hồ sơ trong sổ theo dõi')).toBe(archive.length);
    const backlogSheet = await readSheet(readFileSync(xlsx), 'Tồn đọng lưu trữ');
    expect(backlogSheet.length - 1).toBe(new Set(archive.map((r) => `${r.year}|${r.field}|${r.box}`)).size);

    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('BÁO CÁO TIẾN ĐỘ SỐ HÓA HỒ SƠ');
    expect(text).toContain('Khoảng thời gian tiếp nhận: 01/01/2021 – 31/01/2021');
    expect(text).toContain('Hoàn thành đúng hạn');
    expect(text).toContain('Tồn đọng lưu trữ theo năm, lĩnh vực, hộp');
    expect(text).toMatch(/Hồ sơ đã tiếp nhận\s+2\b/);

    const bad = runSohoa(['status', '--data-dir', dir.path, '--from', '2021-03-01', '--to', '2021-01-01']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/before it starts/);
  });
});

describe('supervisor indicators on an empty store', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('say the store is empty and no register is imported, instead of zeros', async () => {
    const engine = setTestAgency(Engine.open({ dataDir: dir.path }));
    try {
      const d = await engine.handlers['stats.dashboard']({});
      expect(d.indicators.notices).toContain('empty-store');
      expect(d.indicators.empty).toBe(true);
      expect(d.backlog.registersImported).toBe(false);
      expect(d.backlog.totals.pagesLeft).toBeNull();
      expect(d.backlog.pace).toBeNull();
      const province = await engine.handlers['stats.province']({ refresh: true });
      expect(province).toEqual({ configured: false, fresh: false, fetchedAt: null, report: null, error: null });
    } finally {
      await engine.close();
    }
  });
});
