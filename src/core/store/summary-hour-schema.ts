/**
 * Pages captured per UTC hour (migration 28), per dossier kind and whether the dossier is live: the
 * dashboard's pages-per-day chart and the archive pace read a few hundred of these rows instead of every
 * page of their days. Local days are summed from the hours in code (hoursToLocalDays), as before.
 * Triggers keep it with every page written, moved or deleted, a document moved to another dossier, and
 * a dossier whose kind or deletion changes. Nothing here may change once shipped.
 */

const hourOf = (P: string) => `substr(${P}.created_at, 1, 13)`;

export const HOUR_TABLE_SQL = `
CREATE TABLE page_hour_summary (
  kind TEXT NOT NULL,
  live INTEGER NOT NULL,
  hour TEXT NOT NULL,
  pages INTEGER NOT NULL,
  PRIMARY KEY (kind, live, hour)
) STRICT, WITHOUT ROWID;
`;

/** Adds `select`'s rows (kind, live, hour, pages) to the hours. */
const upsert = (select: string) => `INSERT INTO page_hour_summary (kind, live, hour, pages) ${select}
  ON CONFLICT (kind, live, hour) DO UPDATE SET pages = pages + excluded.pages;`;

/** One page `P` of document `P.document_id` counted (+1) or taken away (-1) at its dossier's kind and hour. */
const countPage = (P: string, sign: '+' | '-') =>
  upsert(`SELECT k.kind, k.live, ${hourOf(P)}, ${sign}1 FROM document_summary x JOIN dossier_summary k ON k.dossier_id = x.dossier_id
  WHERE x.document_id = ${P}.document_id`);

/** An hour left with no page is removed (the recount has no such row). */
const PRUNE = `DELETE FROM page_hour_summary WHERE pages = 0 AND (kind, live, hour) IN`;

/** The pages of `pages` (a FROM clause over page `p`), per hour, added at `k`'s kind with the sign given. */
const movePages = (pages: string, k: string, sign: '+' | '-') =>
  upsert(`SELECT ${k}.kind, ${k}.live, ${hourOf('p')}, ${sign}count(*) FROM ${pages} GROUP BY 3`);

export const HOUR_TRIGGERS_SQL = `
CREATE TRIGGER hour_of_page_insert AFTER INSERT ON page BEGIN
  ${countPage('NEW', '+')}
END;
CREATE TRIGGER hour_of_page_delete AFTER DELETE ON page BEGIN
  ${countPage('OLD', '-')}
  ${PRUNE} (SELECT k.kind, k.live, ${hourOf('OLD')} FROM document_summary x JOIN dossier_summary k ON k.dossier_id = x.dossier_id WHERE x.document_id = OLD.document_id);
END;
CREATE TRIGGER hour_of_page_move AFTER UPDATE OF document_id, created_at ON page
  WHEN OLD.document_id <> NEW.document_id OR OLD.created_at IS NOT NEW.created_at BEGIN
  ${countPage('OLD', '-')}
  ${PRUNE} (SELECT k.kind, k.live, ${hourOf('OLD')} FROM document_summary x JOIN dossier_summary k ON k.dossier_id = x.dossier_id WHERE x.document_id = OLD.document_id);
  ${countPage('NEW', '+')}
END;
CREATE TRIGGER hour_of_document_move AFTER UPDATE OF dossier_id ON document_summary WHEN OLD.dossier_id <> NEW.dossier_id BEGIN
  ${movePages('page p, dossier_summary k WHERE p.document_id = OLD.document_id AND k.dossier_id = OLD.dossier_id', 'k', '-')}
  ${PRUNE} (SELECT k.kind, k.live, ${hourOf('p')} FROM page p, dossier_summary k WHERE p.document_id = OLD.document_id AND k.dossier_id = OLD.dossier_id);
  ${movePages('page p, dossier_summary k WHERE p.document_id = NEW.document_id AND k.dossier_id = NEW.dossier_id', 'k', '+')}
END;
CREATE TRIGGER hour_of_dossier_change AFTER UPDATE OF kind, live ON dossier_summary WHEN OLD.kind <> NEW.kind OR OLD.live <> NEW.live BEGIN
  ${movePages('document_summary x JOIN page p ON p.document_id = x.document_id WHERE x.dossier_id = OLD.dossier_id', 'OLD', '-')}
  ${PRUNE} (SELECT OLD.kind, OLD.live, ${hourOf('p')} FROM document_summary x JOIN page p ON p.document_id = x.document_id WHERE x.dossier_id = OLD.dossier_id);
  ${movePages('document_summary x JOIN page p ON p.document_id = x.document_id WHERE x.dossier_id = NEW.dossier_id', 'NEW', '+')}
END;
`;

/** The hours recounted from the base tables (the pages `where` takes), in the table's column order. */
export const hourRecount = (where = 'true') => `SELECT d.kind, d.deleted_at IS NULL AS live, ${hourOf('p')} AS hour, count(*) AS pages
  FROM page p JOIN document doc ON doc.id = p.document_id JOIN dossier d ON d.id = doc.dossier_id WHERE ${where} GROUP BY 1, 2, 3`;
export const HOUR_RECOUNT = hourRecount();

export const HOUR_TRIGGERS = [...HOUR_TRIGGERS_SQL.matchAll(/CREATE TRIGGER (\w+)/g)].map((m) => m[1]!);
