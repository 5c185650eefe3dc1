/**
 * Pages per text flag per received day (migration 28): the quality tile's "pages per flag" over a date
 * range at most reads these rows instead of every document's flag counts. Per dossier kind and received
 * day ('' for none) of live dossiers, from the documents' flag counts (document_flag) and their dossier
 * summaries; triggers on those keep it. Nothing here may change once shipped.
 */

export const DAY_FLAG_TABLE_SQL = `
CREATE TABLE dossier_day_flag (
  kind TEXT NOT NULL,
  received_date TEXT NOT NULL,
  flag TEXT NOT NULL,
  pages INTEGER NOT NULL,
  PRIMARY KEY (kind, received_date, flag)
) STRICT, WITHOUT ROWID;
`;

const upsert = (select: string) => `INSERT INTO dossier_day_flag (kind, received_date, flag, pages) ${select}
  ON CONFLICT (kind, received_date, flag) DO UPDATE SET pages = pages + excluded.pages;`;
const PRUNE = 'DELETE FROM dossier_day_flag WHERE pages = 0 AND (kind, received_date, flag) IN';

/** One flag count `F` of a document added (or taken away) at its dossier's day, if the dossier is live. */
const countFlag = (F: string, sign: '+' | '-') =>
  upsert(`SELECT k.kind, coalesce(k.received_date, ''), ${F}.flag, ${sign}${F}.pages FROM document_summary x JOIN dossier_summary k ON k.dossier_id = x.dossier_id
  WHERE x.document_id = ${F}.document_id AND k.live = 1`);
const pruneFlag = (F: string) =>
  `${PRUNE} (SELECT k.kind, coalesce(k.received_date, ''), ${F}.flag FROM document_summary x JOIN dossier_summary k ON k.dossier_id = x.dossier_id WHERE x.document_id = ${F}.document_id);`;

/** The flag counts of `flags` (a FROM clause over document_flag `f`), added at `k`'s day with the sign given, if `k` is live. */
const moveFlags = (flags: string, k: string, sign: '+' | '-') =>
  upsert(`SELECT ${k}.kind, coalesce(${k}.received_date, ''), f.flag, ${sign}sum(f.pages) FROM ${flags} AND ${k}.live = 1 GROUP BY f.flag`);
const pruneFlags = (flags: string, k: string) => `${PRUNE} (SELECT ${k}.kind, coalesce(${k}.received_date, ''), f.flag FROM ${flags});`;

const keyChanged = `OLD.kind <> NEW.kind OR OLD.received_date IS NOT NEW.received_date OR OLD.live <> NEW.live`;
const flagsOfDossier = (k: string) =>
  `document_summary x JOIN document_flag f ON f.document_id = x.document_id WHERE x.dossier_id = ${k}.dossier_id`;

export const DAY_FLAG_TRIGGERS_SQL = `
CREATE TRIGGER day_flag_insert AFTER INSERT ON document_flag BEGIN
  ${countFlag('NEW', '+')}
END;
CREATE TRIGGER day_flag_update AFTER UPDATE ON document_flag BEGIN
  ${countFlag('OLD', '-')}
  ${countFlag('NEW', '+')}
  ${pruneFlag('OLD')}
END;
-- No trigger on a flag count's deletion: the flag triggers take its pages to 0 before deleting it.
CREATE TRIGGER day_flag_of_document_move AFTER UPDATE OF dossier_id ON document_summary WHEN OLD.dossier_id <> NEW.dossier_id BEGIN
  ${moveFlags('document_flag f, dossier_summary k WHERE f.document_id = OLD.document_id AND k.dossier_id = OLD.dossier_id', 'k', '-')}
  ${pruneFlags('document_flag f, dossier_summary k WHERE f.document_id = OLD.document_id AND k.dossier_id = OLD.dossier_id', 'k')}
  ${moveFlags('document_flag f, dossier_summary k WHERE f.document_id = NEW.document_id AND k.dossier_id = NEW.dossier_id', 'k', '+')}
END;
CREATE TRIGGER day_flag_of_dossier_change AFTER UPDATE OF kind, received_date, live ON dossier_summary WHEN ${keyChanged} BEGIN
  ${moveFlags(flagsOfDossier('OLD'), 'OLD', '-')}
  ${pruneFlags(flagsOfDossier('OLD'), 'OLD')}
  ${moveFlags(flagsOfDossier('NEW'), 'NEW', '+')}
END;
`;

export const DAY_FLAG_TRIGGERS = [...DAY_FLAG_TRIGGERS_SQL.matchAll(/CREATE TRIGGER (\w+)/g)].map((m) => m[1]!);

/** The rows as a grouping of documents' flag counts `flags`, document summaries `documents` and dossier summaries `dossiers` (tables or recounts). */
export const dayFlagGrouping = (
  flags: string,
  documents: string,
  dossiers: string,
) => `SELECT k.kind, coalesce(k.received_date, '') AS received_date, f.flag, sum(f.pages) AS pages
  FROM ${flags} f JOIN ${documents} x ON x.document_id = f.document_id JOIN ${dossiers} k ON k.dossier_id = x.dossier_id
  WHERE k.live = 1 GROUP BY 1, 2, 3`;
