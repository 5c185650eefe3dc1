/**
 * The dashboard's summaries (migration 23): per document, its pages, records and page flags; per
 * dossier, what its documents say. SQLite triggers keep them in the same transaction as every write
 * to the base tables, whatever writes it (desk, archive batch, QC, restore, a hand-edited row), and
 * the recounts below say what they must hold, computed from the base tables alone: `sohoa status
 * --verify` compares the two (see summary-check.ts). Nothing here may change once shipped: a later
 * change is a new migration.
 *
 * Migration 27 added a result whose latest record version is SoHoa's document timestamp (over a PDF
 * signed elsewhere); 28 copied into each dossier summary the dossier's own columns the figures test and
 * added the summary per received day (summary-day-schema.ts). Each piece below takes the summaries'
 * version and gives the older ones the SQL they shipped with, unchanged.
 *
 * Mean OCR confidence is kept as an integer sum of nano-units (ocr_confidence × 10⁹, rounded), so
 * adding and taking away pages never leaves a floating-point remainder that a recount would not find.
 */

import { DAY_KEY, DAY_TRIGGERS_SQL, dayGrouping } from './summary-day-schema';
import { HOUR_RECOUNT, HOUR_TRIGGERS_SQL } from './summary-hour-schema';
import { DAY_FLAG_TRIGGERS_SQL, dayFlagGrouping } from './summary-day-flag-schema';

/** A page's share of its document's figures; `P` is NEW or OLD. */
const pageShare = (P: string) => ({
  pages: '1',
  pages_not_read: `(${P}.state <> 'read')`,
  pages_failed: `(${P}.state = 'failed')`,
  pages_flagged: `(${P}.flags <> '[]')`,
  confidence_nano: `coalesce(CASE WHEN ${P}.state = 'read' AND ${P}.blank = 0 THEN CAST(round(${P}.ocr_confidence * 1e9) AS INTEGER) END, 0)`,
  confidence_pages: `(${P}.state = 'read' AND ${P}.blank = 0 AND ${P}.ocr_confidence IS NOT NULL)`,
});
const PAGE_COLUMNS = Object.keys(pageShare('NEW')) as (keyof ReturnType<typeof pageShare>)[];
const addPage = (P: string, sign: '+' | '-') => PAGE_COLUMNS.map((c) => `${c} = ${c} ${sign} ${pageShare(P)[c]}`).join(', ');
const movePage = PAGE_COLUMNS.map((c) => `${c} = ${c} - ${pageShare('OLD')[c]} + ${pageShare('NEW')[c]}`).join(', ');

/** A page's distinct text flags, whatever its flags column holds (text that is not a JSON array has none). */
const flagsOf = (P: string) =>
  `(SELECT DISTINCT value FROM json_each(CASE WHEN json_valid(${P}.flags) AND json_type(${P}.flags) = 'array' THEN ${P}.flags ELSE '[]' END) WHERE type = 'text')`;
const addFlags = (P: string) =>
  `INSERT INTO document_flag (document_id, flag, pages) SELECT ${P}.document_id, value, 1 FROM ${flagsOf(P)} WHERE true ON CONFLICT (document_id, flag) DO UPDATE SET pages = pages + 1;`;
const removeFlags = (
  P: string,
) => `UPDATE document_flag SET pages = pages - 1 WHERE document_id = ${P}.document_id AND flag IN ${flagsOf(P)};
  DELETE FROM document_flag WHERE document_id = ${P}.document_id AND pages = 0;`;

/** The summaries as a migration left them: 23 made them, 27 added the SoHoa-timestamped result. */
export type SummaryVersion = 23 | 27 | 28;

/** A document summary's share of its dossier's figures; `S` is NEW or OLD. */
const documentShare = (S: string, v: SummaryVersion): Record<string, string> => ({
  components: `(${S}.is_result = 0)`,
  components_unsigned: `(${S}.is_result = 0 AND ${S}.latest_signed = 0)`,
  results_latest_signed: `(${S}.is_result = 1 AND ${S}.latest_signed = 1)`,
  results_any_signed: `(${S}.is_result = 1 AND ${S}.signed_records > 0)`,
  reused: `${S}.reused`,
  ...(v >= 27 && { results_timestamped: `(${S}.is_result = 1 AND ${S}.latest_timestamped = 1)` }),
});
const addDocument = (S: string, sign: '+' | '-', v: SummaryVersion) =>
  Object.entries(documentShare(S, v))
    .map(([c, share]) => `${c} = ${c} ${sign} ${share}`)
    .join(', ');
const changeDocument = (v: SummaryVersion) =>
  Object.keys(documentShare('NEW', v))
    .map((c) => `${c} = ${c} - ${documentShare('OLD', v)[c]} + ${documentShare('NEW', v)[c]}`)
    .join(', ');

/** A document's record figures, recounted from its records (after a record is deleted or changed). */
const recountRecords = (doc: string, v: SummaryVersion) => `UPDATE document_summary SET
    records = (SELECT count(*) FROM record WHERE document_id = ${doc}),
    signed_records = (SELECT count(*) FROM record WHERE document_id = ${doc} AND signed = 1),
    latest_version = (SELECT max(version) FROM record WHERE document_id = ${doc}),
    latest_signed = coalesce((SELECT signed FROM record WHERE document_id = ${doc} ORDER BY version DESC LIMIT 1), 0)${
      v >= 27
        ? `,
    latest_timestamped = coalesce((SELECT sohoa_timestamped FROM record WHERE document_id = ${doc} ORDER BY version DESC LIMIT 1), 0)`
        : ''
    }
  WHERE document_id = ${doc};`;

/** Whether a document's latest record version is signed (0 without a record). */
const LATEST_SIGNED = (doc: string) =>
  `coalesce((SELECT lr.signed FROM record lr WHERE lr.document_id = ${doc} ORDER BY lr.version DESC LIMIT 1), 0)`;
/** Whether a document's latest record version is SoHoa's document timestamp (0 without a record). */
const LATEST_TIMESTAMPED = (doc: string) =>
  `coalesce((SELECT lt.sohoa_timestamped FROM record lt WHERE lt.document_id = ${doc} ORDER BY lt.version DESC LIMIT 1), 0)`;
const SIGNED_RECORDS = (doc: string) => `(SELECT count(*) FROM record sr WHERE sr.document_id = ${doc} AND sr.signed = 1)`;
const CLERK_OF = (code: string) => `(SELECT min(a.actor) FROM audit_event a WHERE a.action = 'dossier.create' AND a.subject = ${code})`;

/**
 * What each summary must hold, from the base tables alone: the fill, the rebuild and the check all
 * read these. Each walks its rows once, looking up the pages and records of one document through
 * their indexes (a subquery grouped over all pages, joined back, would be scanned once per document).
 */
const documentSummaryRecount = (
  v: SummaryVersion,
) => `SELECT doc.id AS document_id, doc.dossier_id, doc.is_result, doc.reused_from IS NOT NULL AS reused,
    count(p.id) AS pages, count(p.id) FILTER (WHERE p.state <> 'read') AS pages_not_read, count(p.id) FILTER (WHERE p.state = 'failed') AS pages_failed,
    count(p.id) FILTER (WHERE p.flags <> '[]') AS pages_flagged,
    coalesce(sum(CAST(round(p.ocr_confidence * 1e9) AS INTEGER)) FILTER (WHERE p.state = 'read' AND p.blank = 0), 0) AS confidence_nano,
    count(p.ocr_confidence) FILTER (WHERE p.state = 'read' AND p.blank = 0) AS confidence_pages,
    (SELECT count(*) FROM record rc WHERE rc.document_id = doc.id) AS records,
    ${SIGNED_RECORDS('doc.id')} AS signed_records,
    (SELECT max(rv.version) FROM record rv WHERE rv.document_id = doc.id) AS latest_version,
    ${LATEST_SIGNED('doc.id')} AS latest_signed${v >= 27 ? `, ${LATEST_TIMESTAMPED('doc.id')} AS latest_timestamped` : ''}
  FROM document doc LEFT JOIN page p INDEXED BY page_quality ON p.document_id = doc.id
  GROUP BY doc.id`;

/** The dossier's own columns a dossier summary holds a copy of since 28 (what the day summary counts), each from dossier `D`. */
export const DOSSIER_COPIES: [string, (D: string) => string][] = [
  ['received_date', (D) => `${D}.received_date`],
  ['due_date', (D) => `${D}.due_date`],
  ['returned', (D) => `(${D}.returned_at IS NOT NULL)`],
  ['returned_on_time', (D) => `${D}.returned_on_time`],
  ['status', (D) => `${D}.status`],
  ['live', (D) => `(${D}.deleted_at IS NULL)`],
];
/** The dossier columns those copies are made from. */
const COPIED_FROM = ['received_date', 'due_date', 'returned_at', 'returned_on_time', 'status', 'deleted_at'];

const dossierSummaryRecount = (v: SummaryVersion) => `SELECT d.id AS dossier_id, d.kind, ${CLERK_OF('d.code')} AS clerk,
    count(doc.id) FILTER (WHERE doc.is_result = 0) AS components,
    count(doc.id) FILTER (WHERE doc.is_result = 0 AND ${LATEST_SIGNED('doc.id')} = 0) AS components_unsigned,
    count(doc.id) FILTER (WHERE doc.is_result = 1 AND ${LATEST_SIGNED('doc.id')} = 1) AS results_latest_signed,
    count(doc.id) FILTER (WHERE doc.is_result = 1 AND ${SIGNED_RECORDS('doc.id')} > 0) AS results_any_signed,
    count(doc.id) FILTER (WHERE doc.reused_from IS NOT NULL) AS reused${
      v >= 27
        ? `,
    count(doc.id) FILTER (WHERE doc.is_result = 1 AND ${LATEST_TIMESTAMPED('doc.id')} = 1) AS results_timestamped`
        : ''
    }${v >= 28 ? `, ${DOSSIER_COPIES.map(([c, of]) => `${of('d')} AS ${c}`).join(', ')}` : ''}
  FROM dossier d LEFT JOIN document doc ON doc.dossier_id = d.id
  GROUP BY d.id`;

const DOCUMENT_FLAG_RECOUNT = `SELECT p.document_id, f.value AS flag, count(DISTINCT p.id) AS pages
  FROM page p INDEXED BY page_flagged, json_each(CASE WHEN json_valid(p.flags) AND json_type(p.flags) = 'array' THEN p.flags ELSE '[]' END) f
  WHERE p.flags <> '[]' AND f.type = 'text' GROUP BY p.document_id, f.value`;

/** The latest summaries' version: what the check, the rebuild and the bench use. */
const LATEST: SummaryVersion = 28;

/** Each summary table, its key columns and its recount. */
export const SUMMARIES = [
  { table: 'document_summary', key: ['document_id'], recount: documentSummaryRecount(LATEST) },
  { table: 'dossier_summary', key: ['dossier_id'], recount: dossierSummaryRecount(LATEST) },
  { table: 'document_flag', key: ['document_id', 'flag'], recount: DOCUMENT_FLAG_RECOUNT },
  {
    table: 'dossier_day_summary',
    key: DAY_KEY,
    recount: dayGrouping(`(${dossierSummaryRecount(LATEST)})`, `(${documentSummaryRecount(LATEST)})`),
  },
  { table: 'page_hour_summary', key: ['kind', 'live', 'hour'], recount: HOUR_RECOUNT },
  {
    table: 'dossier_day_flag',
    key: ['kind', 'received_date', 'flag'],
    recount: dayFlagGrouping(
      `(${DOCUMENT_FLAG_RECOUNT})`,
      '(SELECT id AS document_id, dossier_id FROM document)',
      '(SELECT id AS dossier_id, kind, received_date, deleted_at IS NULL AS live FROM dossier)',
    ),
  },
] as const;

/** Empties the summaries and fills them again from the base tables (the migration's fill, and the rebuild after a mismatch). */
export const summaryFillSql = (v: SummaryVersion) => `
DELETE FROM document_flag;
DELETE FROM dossier_summary;
DELETE FROM document_summary;${
  v >= 28
    ? `
-- The dossier summaries' insert trigger fills the day summary again (their documents are summarized by then).
DELETE FROM dossier_day_summary;
DELETE FROM page_hour_summary;
-- Filled again by the flag counts' insert trigger (the dossier summaries are there by then).
DELETE FROM dossier_day_flag;`
    : ''
}
-- Documents first: their insert trigger finds no dossier row to add to, and the dossiers are counted from the base tables next.
INSERT INTO document_summary SELECT * FROM (${documentSummaryRecount(v)}) WHERE true;
INSERT INTO dossier_summary SELECT * FROM (${dossierSummaryRecount(v)}) WHERE true;
INSERT INTO document_flag SELECT * FROM (${DOCUMENT_FLAG_RECOUNT}) WHERE true;${
  v >= 28
    ? `
INSERT INTO page_hour_summary SELECT * FROM (${HOUR_RECOUNT}) WHERE true;`
    : ''
}
`;
export const SUMMARY_FILL_SQL = summaryFillSql(LATEST);

/** The summary tables as migration 23 made them (27 adds a column to each of the first two). */
export const SUMMARY_TABLES_SQL = `
CREATE TABLE document_summary (
  document_id INTEGER PRIMARY KEY,
  dossier_id INTEGER NOT NULL,
  is_result INTEGER NOT NULL,
  reused INTEGER NOT NULL,
  pages INTEGER NOT NULL DEFAULT 0,
  pages_not_read INTEGER NOT NULL DEFAULT 0,
  pages_failed INTEGER NOT NULL DEFAULT 0,
  pages_flagged INTEGER NOT NULL DEFAULT 0,
  confidence_nano INTEGER NOT NULL DEFAULT 0,
  confidence_pages INTEGER NOT NULL DEFAULT 0,
  records INTEGER NOT NULL DEFAULT 0,
  signed_records INTEGER NOT NULL DEFAULT 0,
  latest_version INTEGER,
  latest_signed INTEGER NOT NULL DEFAULT 0
) STRICT;
-- Only the dossier: the page figures change with every page written, and an index holding them would be rewritten each time.
CREATE INDEX document_summary_dossier ON document_summary(dossier_id);

CREATE TABLE dossier_summary (
  dossier_id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  -- Who took the dossier in: the first by name of its 'dossier.create' audit events.
  clerk TEXT,
  components INTEGER NOT NULL DEFAULT 0,
  components_unsigned INTEGER NOT NULL DEFAULT 0,
  results_latest_signed INTEGER NOT NULL DEFAULT 0,
  results_any_signed INTEGER NOT NULL DEFAULT 0,
  reused INTEGER NOT NULL DEFAULT 0
) STRICT;

-- The intake figures' filters and columns, read from this index alone (not the dossier's wide rows).
CREATE INDEX dossier_intake_figures ON dossier(kind, deleted_at, received_date, procedure_code, workstation_id, due_date, returned_at, returned_on_time, status, code);

CREATE TABLE document_flag (
  document_id INTEGER NOT NULL,
  flag TEXT NOT NULL,
  pages INTEGER NOT NULL,
  PRIMARY KEY (document_id, flag)
) STRICT, WITHOUT ROWID;
`;

export const summaryTriggersSql = (v: SummaryVersion) => `
CREATE TRIGGER summary_dossier_insert AFTER INSERT ON dossier BEGIN
  ${
    v >= 28
      ? `INSERT INTO dossier_summary (dossier_id, kind, clerk, ${DOSSIER_COPIES.map(([c]) => c).join(', ')})
    VALUES (NEW.id, NEW.kind, ${CLERK_OF('NEW.code')}, ${DOSSIER_COPIES.map(([, of]) => of('NEW')).join(', ')});`
      : `INSERT INTO dossier_summary (dossier_id, kind, clerk) VALUES (NEW.id, NEW.kind, ${CLERK_OF('NEW.code')});`
  }
END;
CREATE TRIGGER summary_dossier_update AFTER UPDATE OF code, kind ON dossier BEGIN
  UPDATE dossier_summary SET kind = NEW.kind, clerk = ${CLERK_OF('NEW.code')} WHERE dossier_id = NEW.id;
END;
${
  v >= 28
    ? `CREATE TRIGGER summary_dossier_copies AFTER UPDATE OF ${COPIED_FROM.join(', ')} ON dossier BEGIN
  UPDATE dossier_summary SET ${DOSSIER_COPIES.map(([c, of]) => `${c} = ${of('NEW')}`).join(', ')} WHERE dossier_id = NEW.id;
END;
`
    : ''
}CREATE TRIGGER summary_dossier_clerk AFTER INSERT ON audit_event WHEN NEW.action = 'dossier.create' BEGIN
  UPDATE dossier_summary SET clerk = CASE WHEN clerk IS NULL OR NEW.actor < clerk THEN NEW.actor ELSE clerk END
  WHERE dossier_id = (SELECT id FROM dossier WHERE code = NEW.subject);
END;
CREATE TRIGGER summary_dossier_delete AFTER DELETE ON dossier BEGIN
  DELETE FROM dossier_summary WHERE dossier_id = OLD.id;
END;

CREATE TRIGGER summary_document_insert AFTER INSERT ON document BEGIN
  INSERT INTO document_summary (document_id, dossier_id, is_result, reused) VALUES (NEW.id, NEW.dossier_id, NEW.is_result, NEW.reused_from IS NOT NULL);
END;
CREATE TRIGGER summary_document_update AFTER UPDATE OF dossier_id, is_result, reused_from ON document BEGIN
  UPDATE document_summary SET dossier_id = NEW.dossier_id, is_result = NEW.is_result, reused = NEW.reused_from IS NOT NULL WHERE document_id = NEW.id;
END;
CREATE TRIGGER summary_document_delete AFTER DELETE ON document BEGIN
  DELETE FROM document_summary WHERE document_id = OLD.id;
  DELETE FROM document_flag WHERE document_id = OLD.id;
END;

CREATE TRIGGER summary_of_document_insert AFTER INSERT ON document_summary BEGIN
  UPDATE dossier_summary SET ${addDocument('NEW', '+', v)} WHERE dossier_id = NEW.dossier_id;
END;
CREATE TRIGGER summary_of_document_update AFTER UPDATE OF dossier_id, is_result, reused, latest_signed, signed_records${v >= 27 ? ', latest_timestamped' : ''} ON document_summary
  WHEN OLD.dossier_id = NEW.dossier_id BEGIN
  UPDATE dossier_summary SET ${changeDocument(v)} WHERE dossier_id = NEW.dossier_id;
END;
CREATE TRIGGER summary_of_document_move AFTER UPDATE OF dossier_id ON document_summary WHEN OLD.dossier_id <> NEW.dossier_id BEGIN
  UPDATE dossier_summary SET ${addDocument('OLD', '-', v)} WHERE dossier_id = OLD.dossier_id;
  UPDATE dossier_summary SET ${addDocument('NEW', '+', v)} WHERE dossier_id = NEW.dossier_id;
END;
CREATE TRIGGER summary_of_document_delete AFTER DELETE ON document_summary BEGIN
  UPDATE dossier_summary SET ${addDocument('OLD', '-', v)} WHERE dossier_id = OLD.dossier_id;
END;

CREATE TRIGGER summary_record_insert AFTER INSERT ON record BEGIN
  UPDATE document_summary SET records = records + 1, signed_records = signed_records + (NEW.signed = 1),
    latest_signed = CASE WHEN latest_version IS NULL OR NEW.version >= latest_version THEN NEW.signed = 1 ELSE latest_signed END,${
      v >= 27
        ? `
    latest_timestamped = CASE WHEN latest_version IS NULL OR NEW.version >= latest_version THEN NEW.sohoa_timestamped = 1 ELSE latest_timestamped END,`
        : ''
    }
    latest_version = max(coalesce(latest_version, NEW.version), NEW.version)
  WHERE document_id = NEW.document_id;
END;
CREATE TRIGGER summary_record_update AFTER UPDATE OF document_id, version, signed${v >= 27 ? ', sohoa_timestamped' : ''} ON record BEGIN
  ${recountRecords('OLD.document_id', v)}
  ${recountRecords('NEW.document_id', v)}
END;
CREATE TRIGGER summary_record_delete AFTER DELETE ON record BEGIN
  ${recountRecords('OLD.document_id', v)}
END;

CREATE TRIGGER summary_page_insert AFTER INSERT ON page BEGIN
  UPDATE document_summary SET ${addPage('NEW', '+')} WHERE document_id = NEW.document_id;
END;
CREATE TRIGGER summary_page_update AFTER UPDATE OF document_id, state, blank, ocr_confidence, flags ON page WHEN OLD.document_id = NEW.document_id BEGIN
  UPDATE document_summary SET ${movePage} WHERE document_id = NEW.document_id;
END;
CREATE TRIGGER summary_page_move AFTER UPDATE OF document_id, state, blank, ocr_confidence, flags ON page WHEN OLD.document_id <> NEW.document_id BEGIN
  UPDATE document_summary SET ${addPage('OLD', '-')} WHERE document_id = OLD.document_id;
  UPDATE document_summary SET ${addPage('NEW', '+')} WHERE document_id = NEW.document_id;
END;
CREATE TRIGGER summary_page_delete AFTER DELETE ON page BEGIN
  UPDATE document_summary SET ${addPage('OLD', '-')} WHERE document_id = OLD.document_id;
END;

CREATE TRIGGER summary_page_flags_insert AFTER INSERT ON page WHEN NEW.flags <> '[]' BEGIN
  ${addFlags('NEW')}
END;
CREATE TRIGGER summary_page_flags_update AFTER UPDATE OF document_id, flags ON page
  WHEN (OLD.flags <> '[]' OR NEW.flags <> '[]') AND (OLD.flags IS NOT NEW.flags OR OLD.document_id <> NEW.document_id) BEGIN
  ${removeFlags('OLD')}
  ${addFlags('NEW')}
END;
CREATE TRIGGER summary_page_flags_delete AFTER DELETE ON page WHEN OLD.flags <> '[]' BEGIN
  ${removeFlags('OLD')}
END;
${v >= 28 ? DAY_TRIGGERS_SQL + HOUR_TRIGGERS_SQL + DAY_FLAG_TRIGGERS_SQL : ''}`;

export const SUMMARY_TRIGGERS_SQL = summaryTriggersSql(LATEST);

/** The trigger names (the same in every version), so a migration can replace them and a bench drop them to measure the write cost without them. */
export const SUMMARY_TRIGGERS = [...SUMMARY_TRIGGERS_SQL.matchAll(/CREATE TRIGGER (\w+)/g)].map((m) => m[1]!);
