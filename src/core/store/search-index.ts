import { foldVietnamese } from '../../shared/fold';
import type { SearchHit } from '../../shared/types';
import type { Db } from './database';
import { snippetOf } from './search-snippet';

/** The start of a CCCD (7 to 11 digits: province, sex and birth year and more) finds the numbers it begins. */
const CCCD_PREFIX = /^\d{7,11}$/;
const matchTerm = (term: string) => (CCCD_PREFIX.test(term) ? `"${term}"*` : `"${term}"`);

/**
 * Full-text index (FTS5) over dossier metadata and OCR text. Text is folded (no accents, đ → d)
 * before it is indexed and before it is searched, so "nguyen van anh" finds "Nguyễn Văn Ánh".
 * A dossier's metadata is one row with page_id NULL; each page's OCR text is a row of its own.
 */
export class SearchIndex {
  constructor(private readonly db: Db) {}

  indexDossier(dossierId: number, text: string): void {
    this.db.prepare('DELETE FROM search_index WHERE dossier_id = ? AND page_id IS NULL').run(dossierId);
    this.db
      .prepare('INSERT INTO search_index (body, original, dossier_id, page_id) VALUES (?, ?, ?, NULL)')
      .run(foldVietnamese(text), text, dossierId);
  }

  indexPage(dossierId: number, pageId: number, text: string): void {
    this.db.prepare('DELETE FROM search_index WHERE page_id = ?').run(pageId);
    this.db
      .prepare('INSERT INTO search_index (body, original, dossier_id, page_id) VALUES (?, ?, ?, ?)')
      .run(foldVietnamese(text), text, dossierId, pageId);
  }

  /** Dossiers whose metadata (applicant, codes) holds every term; at most `limit`. */
  dossiersWithMetadata(terms: string[], limit: number): number[] {
    if (terms.length === 0) return [];
    const rows = this.db
      .prepare('SELECT dossier_id AS id FROM search_index WHERE search_index MATCH ? AND page_id IS NULL LIMIT ?')
      .all(terms.map((t) => `"${t}"`).join(' '), limit) as { id: number }[];
    return rows.map((r) => r.id);
  }

  search(text: string, limit: number): SearchHit[] {
    const terms = searchTerms(text);
    if (terms.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT s.dossier_id AS dossierId, d.code AS dossierCode, s.page_id AS pageId, s.original,
                snippet(search_index, 0, '[', ']', '…', 12) AS snippet
         FROM search_index s JOIN dossier d ON d.id = s.dossier_id AND d.deleted_at IS NULL
         WHERE search_index MATCH ? ORDER BY rank LIMIT ?`,
      )
      .all(terms.map(matchTerm).join(' '), limit) as (SearchHit & { original: string })[];
    return rows.map(({ original, ...hit }) => ({ ...hit, snippet: snippetOf(original, terms) ?? hit.snippet }));
  }
}

/** A query as the index reads it: folded, split into letter and digit runs. */
export function searchTerms(text: string): string[] {
  return foldVietnamese(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}
