/**
 * The dashboard's summary per received day (migration 28): per dossier kind, received day and open due
 * date, what the live dossiers of that day count (the intake tiles, results digitized, the page
 * quality). A dossier's share is read from its dossier summary alone (which since 28 also holds the
 * dossier's own columns the figures test) and its documents' page figures from their document
 * summaries; triggers on those two summaries keep the day rows in the same transaction as every write.
 * Nothing here may change once shipped: a later change is a new migration.
 *
 * A day row's key holds '' for "none" (a dossier without a received day, or not open with a due
 * date): a primary key cannot hold NULL, and the upserts below need one key per row.
 */

/** A dossier summary's key in the day summary; `S` is NEW, OLD or a table alias. */
const dayKey = (S: string) => ({
  kind: `${S}.kind`,
  received_date: `coalesce(${S}.received_date, '')`,
  // The due date of a dossier not handed back yet: "open past due" compares it with the day the dashboard is opened.
  open_due: `CASE WHEN ${S}.returned = 0 AND ${S}.due_date IS NOT NULL THEN ${S}.due_date ELSE '' END`,
});
export const DAY_KEY = Object.keys(dayKey('S')) as (keyof ReturnType<typeof dayKey>)[];

const flag = (condition: string) => `CASE WHEN ${condition} THEN 1 ELSE 0 END`;

/** A dossier's share of its day row, from its dossier summary `S` (the same definitions as the figures in indicator-queries.ts). */
const dossierShare = (S: string) => ({
  received: '1',
  fully_digitized: flag(`${S}.components > 0 AND ${S}.components_unsigned = 0 AND ${S}.status IN ('finalized', 'synced', 'returned')`),
  results_digitized: flag(`${S}.results_latest_signed > 0 OR ${S}.results_timestamped > 0`),
  results_any_signed: flag(`${S}.results_any_signed > 0`),
  reused: flag(`${S}.reused > 0`),
  on_time: flag(`${S}.returned = 1 AND ${S}.due_date IS NOT NULL AND ${S}.returned_on_time = 1`),
  late: flag(`${S}.returned = 1 AND ${S}.due_date IS NOT NULL AND ${S}.returned_on_time = 0`),
  has_due_date: flag(`${S}.due_date IS NOT NULL`),
  returned_with_due_date: flag(`${S}.returned = 1 AND ${S}.due_date IS NOT NULL`),
});
const DOSSIER_FIGURES = Object.keys(dossierShare('S')) as (keyof ReturnType<typeof dossierShare>)[];

/** The page figures a document summary holds, summed into its dossier's day row. */
export const PAGE_FIGURES = ['pages', 'pages_not_read', 'pages_failed', 'pages_flagged', 'confidence_nano', 'confidence_pages'] as const;

export const DAY_FIGURES = [...DOSSIER_FIGURES, ...PAGE_FIGURES];

export const DAY_TABLE_SQL = `
CREATE TABLE dossier_day_summary (
  kind TEXT NOT NULL,
  received_date TEXT NOT NULL,
  open_due TEXT NOT NULL,
  ${DAY_FIGURES.map((c) => `${c} INTEGER NOT NULL`).join(',\n  ')},
  PRIMARY KEY (kind, received_date, open_due)
) STRICT, WITHOUT ROWID;
`;

/** Adds (or takes away) figures at a key: `select` gives the key columns then DAY_FIGURES, in that order. */
const upsert = (select: string) => `INSERT INTO dossier_day_summary (${[...DAY_KEY, ...DAY_FIGURES].join(', ')}) ${select}
  ON CONFLICT (${DAY_KEY.join(', ')}) DO UPDATE SET ${DAY_FIGURES.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')};`;

const keyColumns = (S: string) => DAY_KEY.map((k) => `${dayKey(S)[k]}`).join(', ');

/** The page figures of dossier `id`'s documents, as a one-row source `p`. */
const pagesOf = (id: string) =>
  `(SELECT ${PAGE_FIGURES.map((c) => `coalesce(sum(${c}), 0) AS ${c}`).join(', ')} FROM document_summary WHERE dossier_id = ${id}) p`;

/** A whole dossier's share (its figures and its documents' pages) added to, or taken from, its day row, if live. */
const moveDossier = (S: string, sign: '+' | '-') =>
  upsert(
    `SELECT ${keyColumns(S)}, ${DOSSIER_FIGURES.map((c) => `${sign}${dossierShare(S)[c]}`).join(', ')}, ${PAGE_FIGURES.map((c) => `${sign}p.${c}`).join(', ')}
  FROM ${pagesOf(`${S}.dossier_id`)} WHERE ${S}.live = 1`,
  );

/** A day row left counting no dossier is removed (the recount has no such row). */
const pruneAt = (S: string) =>
  `DELETE FROM dossier_day_summary WHERE ${DAY_KEY.map((k) => `${k} = ${dayKey(S)[k]}`).join(' AND ')} AND received = 0;`;

/** A document's page figures `pages(column)` added at its dossier's day row, if the dossier is live. */
const addPagesAt = (dossierId: string, pages: (column: string) => string) =>
  upsert(
    `SELECT ${keyColumns('k')}, ${DOSSIER_FIGURES.map(() => '0').join(', ')}, ${PAGE_FIGURES.map(pages).join(', ')}
  FROM dossier_summary k WHERE k.dossier_id = ${dossierId} AND k.live = 1`,
  );

const sameKey = DAY_KEY.map((k) => `${dayKey('OLD')[k]} IS ${dayKey('NEW')[k]}`).join(' AND ');
/** Whether the dossier's share changed: most updates of its summary (a record signed, a status set) leave it as it was. */
const shareChanged = DOSSIER_FIGURES.map((c) => `${dossierShare('OLD')[c]} <> ${dossierShare('NEW')[c]}`).join(' OR ');
const pagesChanged = PAGE_FIGURES.map((c) => `OLD.${c} <> NEW.${c}`).join(' OR ');

/** The dossier summary's columns a day row depends on. */
export const DAY_SOURCE_COLUMNS = ['kind', 'received_date', 'due_date', 'returned', 'returned_on_time', 'status', 'live'];
const SUMMARY_FIGURE_COLUMNS = [
  'components',
  'components_unsigned',
  'results_latest_signed',
  'results_any_signed',
  'reused',
  'results_timestamped',
];

export const DAY_TRIGGERS_SQL = `
CREATE TRIGGER day_of_dossier_insert AFTER INSERT ON dossier_summary BEGIN
  ${moveDossier('NEW', '+')}
END;
CREATE TRIGGER day_of_dossier_update AFTER UPDATE OF ${[...DAY_SOURCE_COLUMNS, ...SUMMARY_FIGURE_COLUMNS].join(', ')} ON dossier_summary
  WHEN ${sameKey} AND OLD.live IS NEW.live AND NEW.live = 1 AND (${shareChanged}) BEGIN
  ${upsert(
    `SELECT ${keyColumns('NEW')}, ${DOSSIER_FIGURES.map((c) => `${dossierShare('NEW')[c]} - ${dossierShare('OLD')[c]}`).join(', ')}, ${PAGE_FIGURES.map(() => '0').join(', ')}
  WHERE NEW.live = 1`,
  )}
END;
CREATE TRIGGER day_of_dossier_move AFTER UPDATE OF ${[...DAY_SOURCE_COLUMNS, ...SUMMARY_FIGURE_COLUMNS].join(', ')} ON dossier_summary
  WHEN NOT (${sameKey} AND OLD.live IS NEW.live) BEGIN
  ${moveDossier('OLD', '-')}
  ${pruneAt('OLD')}
  ${moveDossier('NEW', '+')}
END;
CREATE TRIGGER day_of_dossier_delete AFTER DELETE ON dossier_summary BEGIN
  ${moveDossier('OLD', '-')}
  ${pruneAt('OLD')}
END;

-- No trigger on a document summary's deletion: a document's pages are deleted before it (its foreign key cascades first), so it leaves with none.
CREATE TRIGGER day_of_document_pages AFTER UPDATE OF ${PAGE_FIGURES.join(', ')}, dossier_id ON document_summary
  WHEN OLD.dossier_id = NEW.dossier_id AND (${pagesChanged}) BEGIN
  ${addPagesAt('NEW.dossier_id', (c) => `NEW.${c} - OLD.${c}`)}
END;
CREATE TRIGGER day_of_document_move AFTER UPDATE OF dossier_id ON document_summary WHEN OLD.dossier_id <> NEW.dossier_id BEGIN
  ${addPagesAt('OLD.dossier_id', (c) => `-OLD.${c}`)}
  ${addPagesAt('NEW.dossier_id', (c) => `NEW.${c}`)}
END;
`;

export const DAY_TRIGGERS = [...DAY_TRIGGERS_SQL.matchAll(/CREATE TRIGGER (\w+)/g)].map((m) => m[1]!);

/**
 * The day rows as a grouping of per-dossier summaries `dossiers` and per-document summaries `documents`
 * (tables, or their recounts from the base tables), in the table's column order.
 */
export const dayGrouping = (dossiers: string, documents: string) => `SELECT ${DAY_KEY.map((k) => `${dayKey('s')[k]} AS ${k}`).join(', ')},
    ${DOSSIER_FIGURES.map((c) => `sum(${dossierShare('s')[c]}) AS ${c}`).join(', ')},
    ${PAGE_FIGURES.map((c) => `coalesce(sum(g.${c}), 0) AS ${c}`).join(', ')}
  FROM ${dossiers} s LEFT JOIN (SELECT dossier_id, ${PAGE_FIGURES.map((c) => `sum(${c}) AS ${c}`).join(', ')} FROM ${documents} GROUP BY dossier_id) g ON g.dossier_id = s.dossier_id
  WHERE s.live = 1 GROUP BY 1, 2, 3`;
