/**
 * Random writes through the repositories every path that changes the dashboard's figures uses: desk
 * intake (DossierRepository.insert with its audit event, DocumentRepository.create), pages added
 * (addPage), read, failed and cleaned (markRead, markFailed, markCleaned), moved and deleted
 * (DeskRepository.movePage, deletePage), a page replaced (DeskRepository.replaceCleanedImages, or the
 * QC station's delete and add), finalize (RecordRepository.addVersion signed + enqueueForSync,
 * setDossierStatus, markFinalized), reopen (status back, a new unsigned version), reuse
 * (insertReusedDocument), a result marked or added (ResultRepository), a result signed elsewhere
 * timestamped by SoHoa (a marked version and its result.timestamp audit entry), archive intake (a dossier, its
 * document and ArchiveRepository.addFolder with its register line), QC approval (the qc-queue's
 * UPDATE, withdrawApproval), bulk signing (signed versions of many documents in one transaction), sync
 * acknowledgement (OutboxRepository.acknowledge), a document removed (removeDocument), a hand-back
 * (insertHandBack) and deletion with a reason (markDeleted). OCR and signing themselves are not run: only the rows they write.
 */
import { AuditLog } from '../../src/core/audit/audit-log';
import { AuditRepository } from '../../src/core/store/audit-repository';
import type { Db } from '../../src/core/store/database';
import { DeskRepository } from '../../src/core/store/desk-repository';
import { DocumentRepository } from '../../src/core/store/document-repository';
import { DossierRepository } from '../../src/core/store/dossier-repository';
import { ArchiveRepository } from '../../src/core/store/archive-repository';
import { OutboxRepository } from '../../src/core/store/outbox-repository';
import { PageRepository } from '../../src/core/store/page-repository';
import { RecordRepository } from '../../src/core/store/record-repository';
import { ResultRepository } from '../../src/core/store/result-repository';

/** A deterministic pseudo-random sequence: a failing round can be replayed. */
export function seeded(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T | undefined => (xs.length ? xs[Math.floor(next() * xs.length)] : undefined),
  };
}

const FLAGS = ['low-dpi', 'blurred', 'skewed', 'dark'] as const;

/** The rows a test store needs before the first dossier: a workstation, procedures, an archive batch with its register. */
export function seedStore(db: Db): void {
  const at = new Date().toISOString();
  db.prepare(`INSERT OR IGNORE INTO workstation VALUES ('ws-1', 'Bàn 1', '000.00.00.H12', 'Một cửa', ?)`).run(at);
  const procedure = db.prepare('INSERT OR IGNORE INTO procedure (code, name, field, level, processing_days) VALUES (?, ?, ?, ?, ?)');
  procedure.run('TT-1', 'Thủ tục 1', 'Hộ tịch', 'xã', 5);
  procedure.run('TT-2', 'Thủ tục 2', 'Đất đai', 'xã', 10);
  db.prepare(`INSERT OR IGNORE INTO batch (id, name, source, status, created_at) VALUES (1, 'Lưu trữ', '/archive', 'open', ?)`).run(at);
  const row = db.prepare(
    `INSERT OR IGNORE INTO archive_register_row (batch_id, line, box, archive_number, box_key, number_key, year, field, expected_pages) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (let line = 1; line <= 200; line++)
    row.run(
      line,
      `H${line % 7}`,
      String(line),
      `H${line % 7}`,
      String(line),
      2020 + (line % 2),
      line % 2 ? 'Hộ tịch' : 'Đất đai',
      line % 5 ? 3 + (line % 4) : null,
    );
}

/** Applies `count` random writes, each in its own transaction as the app makes them; returns how many of each kind ran. */
/** Write paths whose code also keeps the job queue's columns (migration 26): they cannot run on a store older than that. */
export const JOB_COLUMN_PATHS = ['page moved', 'page deleted', 'page replaced', 'document removed'];

export function randomWrites(db: Db, seed: number, count: number, skip: readonly string[] = []): Record<string, number> {
  const rnd = seeded(seed);
  const dossiers = new DossierRepository(db);
  const pages = new PageRepository(db);
  const documents = new DocumentRepository(db);
  const records = new RecordRepository(db);
  const desk = new DeskRepository(db);
  const archive = new ArchiveRepository(db);
  const results = new ResultRepository(db);
  const outbox = new OutboxRepository(db);
  const audit = new AuditLog(new AuditRepository(db), 'ws-1');
  const ids = (sql: string, ...params: unknown[]) =>
    db
      .prepare(sql)
      .pluck()
      .all(...params) as number[];
  const someDossier = (kind?: 'intake' | 'archive') =>
    rnd.pick(ids(`SELECT id FROM dossier WHERE deleted_at IS NULL ${kind ? `AND kind = '${kind}'` : ''} ORDER BY id DESC LIMIT 40`));
  const someDocument = () => rnd.pick(ids('SELECT id FROM document ORDER BY id DESC LIMIT 60'));
  const somePage = () => rnd.pick(ids('SELECT id FROM page ORDER BY id DESC LIMIT 80'));
  const documentsOf = (dossierId: number) => ids('SELECT id FROM document WHERE dossier_id = ?', dossierId);
  const flags = () => FLAGS.filter(() => rnd.next() < 0.2);
  let serial = Number(db.prepare('SELECT count(*) FROM page').pluck().get()) + seed * 100_000;
  const sha = () => `sha-${seed}-${++serial}`;
  const sign = (documentId: number, signed: boolean) => {
    const record = records.addVersion(documentId, sha(), signed ? { signer: 'canbo', signedAt: new Date().toISOString() } : null);
    if (signed) records.enqueueForSync(record.id);
  };
  const marksTimestamp = db.prepare(`SELECT 1 FROM pragma_table_info('record') WHERE name = 'sohoa_timestamped'`).get() !== undefined;
  const code = (prefix: string) => ({ prefix, format: (n: number) => `${prefix}-${seed}-${n}` });
  const base = {
    procedureCode: null,
    applicantName: 'Nguyễn Văn An',
    applicantCccd: null,
    applicantPhone: null,
    applicantAddress: null,
    receivedDate: null,
    dueDate: null,
    workstationId: 'ws-1',
  };

  const ops: Record<string, () => void> = {
    'desk intake': () => {
      const d = dossiers.insert(
        {
          ...base,
          kind: 'intake',
          procedureCode: rnd.pick(['TT-1', 'TT-2'])!,
          receivedDate: '2026-11-0' + (1 + rnd.int(9)),
          dueDate: '2026-11-2' + rnd.int(9),
        },
        code('HS'),
      );
      audit.append({ actor: rnd.pick(['canbo1', 'canbo2'])!, action: 'dossier.create', subject: d.code });
      documents.create(d.id, 'Tờ khai', null);
    },
    'archive intake': () => {
      const line = 1 + rnd.int(200);
      const d = dossiers.insert(
        { ...base, kind: 'archive', box: `H${line % 7}`, archiveNumber: String(line), year: 2020 + (line % 2), batchId: 1 },
        code('LT'),
      );
      const documentId = documents.create(d.id, null, null);
      archive.addFolder(1, `H${line % 7}/${line}/${d.id}`, d.id, documentId);
      if (rnd.next() < 0.9) archive.setFolderRegisterLine(1, `H${line % 7}/${line}/${d.id}`, line);
    },
    'another component': () => {
      const d = someDossier();
      if (d) documents.create(d, 'Giấy tờ khác', null);
    },
    'page added': () => {
      const doc = someDocument();
      if (doc) pages.addPage(doc, sha(), 'scan');
    },
    'page cleaned': () => {
      const p = somePage();
      if (p)
        pages.markCleaned(p, {
          cleanSha256: sha(),
          ocrImageSha256: sha(),
          thumbSha256: null,
          width: 100,
          height: 140,
          dpi: 300,
          dpiAssumed: false,
          colorMode: 'grey',
          rotation: 0,
          skew: 0,
          blank: rnd.next() < 0.1,
          phash: null,
          flags: flags(),
        });
    },
    'page read': () => {
      const p = somePage();
      if (p) pages.markRead(p, sha(), 'văn bản', 40 + rnd.next() * 60, flags());
    },
    'page failed': () => {
      const p = somePage();
      if (p) pages.markFailed(p, { code: 'ocr.failed', message: 'failed' });
    },
    'page moved': () => {
      const p = somePage();
      const doc = someDocument();
      if (p && doc) desk.movePage(p, doc, 1 + rnd.int(4));
    },
    'page deleted': () => {
      const p = somePage();
      if (p) desk.deletePage(p);
    },
    'page replaced': () => {
      const p = somePage();
      if (!p) return;
      if (rnd.next() < 0.5) {
        desk.replaceCleanedImages(p, {
          cleanSha256: sha(),
          ocrImageSha256: sha(),
          thumbSha256: null,
          previewSha256: null,
          width: 100,
          height: 140,
          rotation: 90,
        });
      } else {
        const doc = db.prepare('SELECT document_id FROM page WHERE id = ?').pluck().get(p) as number;
        desk.deletePage(p);
        pages.addPage(doc, sha(), 'qc-rescan');
      }
    },
    finalize: () => {
      const d = someDossier('intake');
      if (!d) return;
      for (const doc of documentsOf(d)) sign(doc, true);
      desk.setDossierStatus(d, 'finalized');
      dossiers.markFinalized(d, new Date().toISOString());
    },
    reopen: () => {
      const d = someDossier('intake');
      if (!d) return;
      desk.setDossierStatus(d, 'checking');
      const doc = rnd.pick(documentsOf(d));
      if (doc) sign(doc, false);
    },
    reuse: () => {
      const d = someDossier('intake');
      const source = someDocument();
      if (d && source && !desk.documentReusing(d, source)) desk.insertReusedDocument(d, source, 'Giấy tờ dùng lại');
    },
    'result marked': () => {
      const doc = someDocument();
      const d = someDossier();
      if (rnd.next() < 0.5 && doc) results.setResult(doc, rnd.next() < 0.7, 'ket-qua');
      else if (d) sign(results.createResultDocument(d, 'ket-qua', 'Kết quả'), rnd.next() < 0.6);
    },
    'result timestamped': () => {
      // As result.timestamp writes it: the next version of a result, its audit entry naming that version;
      // before migration 27 the audit entry alone said the version was SoHoa's timestamp.
      const doc = rnd.pick(ids('SELECT id FROM document WHERE is_result = 1 ORDER BY id DESC LIMIT 30'));
      if (!doc) return;
      const latest = records.latest(doc);
      const signed = latest?.signed ? { signer: latest.signer!, signedAt: latest.signedAt! } : null;
      const v = records.addVersion(doc, sha(), signed, { sohoaTimestamped: marksTimestamp });
      records.enqueueForSync(v.id);
      audit.append({ actor: 'canbo1', action: 'result.timestamp', subject: String(doc), details: { recordId: v.id, version: v.version } });
    },
    'QC approval': () => {
      const d = someDossier('archive');
      if (!d) return;
      if (rnd.next() < 0.7)
        db.prepare('UPDATE archive_folder SET approved_by = ?, approved_at = ? WHERE batch_id = 1 AND dossier_id = ?').run(
          'kiemtra',
          new Date().toISOString(),
          d,
        );
      else archive.withdrawApproval(d);
    },
    'bulk signing': () => {
      for (const doc of ids(
        `SELECT doc.id FROM document doc JOIN dossier d ON d.id = doc.dossier_id WHERE d.kind = 'archive' ORDER BY random() LIMIT 5`,
      ))
        sign(doc, true);
    },
    'sync acknowledgement': () => {
      const item = rnd.pick(ids(`SELECT id FROM outbox_item WHERE state = 'waiting' LIMIT 20`));
      if (item) outbox.acknowledge(item, '{"receipt":1}');
    },
    'document removed': () => {
      const doc = someDocument();
      if (doc) desk.removeDocument(doc);
    },
    'hand-back': () => {
      // As result.handBack writes it: the hand-back row, and the dossier closed with whether it was on time.
      const d = rnd.pick(ids(`SELECT id FROM dossier WHERE kind = 'intake' AND returned_at IS NULL ORDER BY id DESC LIMIT 40`));
      if (!d) return;
      const dueDate = db.prepare('SELECT due_date FROM dossier WHERE id = ?').pluck().get(d) as string | null;
      const onTime = dueDate === null ? null : rnd.next() < 0.6;
      results.insertHandBack({
        dossierId: d,
        dueDate,
        deadline: dueDate,
        onTime,
        workingDaysLate: onTime === false ? 1 + rnd.int(5) : 0,
        returnedAt: new Date().toISOString(),
        receiverName: 'Nguyễn Văn An',
        receiverKind: 'applicant',
        authorizationRef: null,
        method: 'desk',
        clerk: 'canbo1',
        lateReason: onTime === false ? 'Chậm' : null,
        newDate: null,
      });
    },
    'deletion with a reason': () => {
      const d = someDossier();
      if (d && rnd.next() < 0.3) dossiers.markDeleted(d, 'canbo1', 'Nhập trùng', new Date());
    },
  };
  const weights = (
    [
      ['desk intake', 6],
      ['archive intake', 4],
      ['another component', 2],
      ['page added', 20],
      ['page cleaned', 8],
      ['page read', 12],
      ['page failed', 3],
      ['page moved', 6],
      ['page deleted', 5],
      ['page replaced', 4],
      ['finalize', 4],
      ['reopen', 2],
      ['reuse', 2],
      ['result marked', 3],
      ['result timestamped', 2],
      ['QC approval', 3],
      ['bulk signing', 1],
      ['sync acknowledgement', 3],
      ['document removed', 2],
      ['hand-back', 2],
      ['deletion with a reason', 1],
    ] as [string, number][]
  ).filter(([name]) => !skip.includes(name));
  const total = weights.reduce((s, [, w]) => s + w, 0);
  const ran: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    let r = rnd.next() * total;
    const [name] = weights.find(([, w]) => (r -= w) < 0) ?? weights[0]!;
    db.transaction(() => ops[name]!())();
    ran[name] = (ran[name] ?? 0) + 1;
  }
  return ran;
}
