import type { HandBack } from '../../shared/result-contract';
import { cachedStatement } from './statement-cache';
import type { Db } from './database';

/** SQL: whether the latest record version of document `doc` (an id expression) is SoHoa's document timestamp (0 without a record). */
const LATEST_IS_TIMESTAMPED = (doc: string) =>
  `coalesce((SELECT r.sohoa_timestamped FROM record r WHERE r.document_id = ${doc} ORDER BY r.version DESC LIMIT 1), 0) = 1`;

type HandBackRow = Omit<HandBack, 'onTime' | 'returnedDay'> & { onTime: number | null };

const SELECT_HAND_BACK = `SELECT dossier_id AS dossierId, returned_at AS returnedAt, receiver_name AS receiverName, receiver_kind AS receiverKind,
  authorization_ref AS authorizationRef, method, clerk, due_date AS dueDate, deadline, on_time AS onTime, working_days_late AS workingDaysLate,
  late_reason AS lateReason, new_date AS newDate FROM hand_back`;

/** Result documents (is_result) and the hand-back of a dossier's result. */
export class ResultRepository {
  constructor(private readonly db: Db) {}

  createResultDocument(dossierId: number, kind: string, title: string | null): number {
    const position = (
      this.db.prepare('SELECT coalesce(max(position), 0) + 1 AS p FROM document WHERE dossier_id = ?').get(dossierId) as { p: number }
    ).p;
    return Number(
      cachedStatement(
        this.db,
        'INSERT INTO document (dossier_id, position, component, title, is_result, result_kind, created_at) VALUES (?, ?, ?, ?, 1, ?, ?)',
      ).run(dossierId, position, 'Kết quả giải quyết', title, kind, new Date().toISOString()).lastInsertRowid,
    );
  }

  /** Marks or unmarks a document as its dossier's result (the archive's register column or QC station). */
  setResult(documentId: number, isResult: boolean, kind: string | null): void {
    cachedStatement(this.db, 'UPDATE document SET is_result = ?, result_kind = ? WHERE id = ?').run(
      isResult ? 1 : 0,
      isResult ? kind : null,
      documentId,
    );
  }

  resultOf(documentId: number): { dossierId: number; isResult: boolean; resultKind: string | null } | undefined {
    const r = this.db
      .prepare('SELECT dossier_id AS dossierId, is_result AS isResult, result_kind AS resultKind FROM document WHERE id = ?')
      .get(documentId) as { dossierId: number; isResult: number; resultKind: string | null } | undefined;
    return r && { ...r, isResult: r.isResult === 1 };
  }

  /** Whether some result document of the dossier has a signed record. */
  hasSignedResult(dossierId: number): boolean {
    return (
      (
        this.db
          .prepare(
            'SELECT EXISTS (SELECT 1 FROM document doc JOIN record r ON r.document_id = doc.id AND r.signed = 1 WHERE doc.dossier_id = ? AND doc.is_result = 1) AS found',
          )
          .get(dossierId) as { found: number }
      ).found === 1
    );
  }

  /**
   * Whether some result document of the dossier is a finished electronic result: a record SoHoa signed,
   * or, for a PDF signed elsewhere, its latest version being SoHoa's document timestamp over it.
   */
  hasFinishedResult(dossierId: number): boolean {
    if (this.hasSignedResult(dossierId)) return true;
    return (
      this.db
        .prepare(
          `SELECT EXISTS (SELECT 1 FROM document doc WHERE doc.dossier_id = ? AND doc.is_result = 1 AND ${LATEST_IS_TIMESTAMPED('doc.id')})`,
        )
        .pluck()
        .get(dossierId) === 1
    );
  }

  /** Whether the document's latest record version is the one SoHoa's document timestamp made. */
  latestIsTimestamped(documentId: number): boolean {
    return (
      this.db
        .prepare(`SELECT ${LATEST_IS_TIMESTAMPED('?')}`)
        .pluck()
        .get(documentId) === 1
    );
  }

  /** Records the hand-back and closes the dossier; call in a transaction with its audit entry. */
  insertHandBack(h: Omit<HandBack, 'returnedDay'>): void {
    this.db
      .prepare(
        `INSERT INTO hand_back (dossier_id, returned_at, receiver_name, receiver_kind, authorization_ref, method, clerk, due_date, deadline, on_time, working_days_late, late_reason, new_date, created_at)
         VALUES (@dossierId, @returnedAt, @receiverName, @receiverKind, @authorizationRef, @method, @clerk, @dueDate, @deadline, @onTime, @workingDaysLate, @lateReason, @newDate, @now)`,
      )
      .run({ ...h, onTime: h.onTime === null ? null : h.onTime ? 1 : 0, now: new Date().toISOString() });
    cachedStatement(
      this.db,
      `UPDATE dossier SET status = 'returned', returned_at = ?, returned_on_time = ?, updated_at = ? WHERE id = ?`,
    ).run(h.returnedAt, h.onTime === null ? null : h.onTime ? 1 : 0, new Date().toISOString(), h.dossierId);
  }

  handBack(dossierId: number): HandBackRow | undefined {
    return this.db.prepare(`${SELECT_HAND_BACK} WHERE dossier_id = ?`).get(dossierId) as HandBackRow | undefined;
  }
}
