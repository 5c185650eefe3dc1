import type { Db } from './database';
import { cachedStatement } from './statement-cache';

export type PageState = 'captured' | 'cleaned' | 'read' | 'failed';

export interface PageRow {
  id: number;
  documentId: number;
  dossierId: number;
  position: number;
  source: string | null;
  state: PageState;
  imageSha256: string;
  cleanSha256: string | null;
  ocrImageSha256: string | null;
  textSha256: string | null;
  thumbSha256: string | null;
  /** Screen-size JPEG of the cleaned page, for the viewer; null for pages cleaned before there was one. */
  previewSha256: string | null;
  width: number | null;
  height: number | null;
  dpi: number | null;
  dpiAssumed: boolean;
  colorMode: string | null;
  rotation: number;
  blank: boolean;
  flags: string[];
  ocrText: string | null;
  ocrConfidence: number | null;
  error: string | null;
}

export interface CleanedPageUpdate {
  cleanSha256: string;
  ocrImageSha256: string;
  thumbSha256: string | null;
  previewSha256?: string | null;
  width: number;
  height: number;
  dpi: number;
  dpiAssumed: boolean;
  colorMode: string;
  rotation: number;
  skew: number;
  blank: boolean;
  phash: string | null;
  flags: string[];
}

const SELECT_PAGE = `
  SELECT p.id, p.document_id AS documentId, d.dossier_id AS dossierId, p.position, p.source, p.state,
         p.image_sha256 AS imageSha256, p.clean_sha256 AS cleanSha256, p.ocr_image_sha256 AS ocrImageSha256,
         p.text_sha256 AS textSha256, p.thumb_sha256 AS thumbSha256, p.preview_sha256 AS previewSha256, p.width, p.height, p.dpi, p.dpi_assumed AS dpiAssumed, p.color_mode AS colorMode,
         p.rotation, p.blank, p.flags, p.ocr_text AS ocrText, p.ocr_confidence AS ocrConfidence, p.error
  FROM page p JOIN document d ON d.id = p.document_id`;

type RawPage = Omit<PageRow, 'flags' | 'dpiAssumed' | 'blank'> & { flags: string; dpiAssumed: number; blank: number };
const toPage = (r: RawPage): PageRow => ({
  ...r,
  flags: JSON.parse(r.flags) as string[],
  dpiAssumed: r.dpiAssumed === 1,
  blank: r.blank === 1,
});

/** The pages of a document, with each page's progress through the pipeline (documents: DocumentRepository). */
export class PageRepository {
  constructor(private readonly db: Db) {}

  /** Adds a page whose image blob already exists; the same image twice in a document is one page. */
  addPage(documentId: number, imageSha256: string, source: string | null): { id: number; added: boolean } {
    const existing = cachedStatement(this.db, 'SELECT id FROM page WHERE document_id = ? AND image_sha256 = ?').get(
      documentId,
      imageSha256,
    ) as { id: number } | undefined;
    if (existing) return { id: existing.id, added: false };
    const position = (
      cachedStatement(this.db, 'SELECT coalesce(max(position), 0) + 1 AS p FROM page WHERE document_id = ?').get(documentId) as {
        p: number;
      }
    ).p;
    const info = cachedStatement(
      this.db,
      'INSERT INTO page (document_id, position, image_sha256, source, created_at) VALUES (?, ?, ?, ?, ?)',
    ).run(documentId, position, imageSha256, source, new Date().toISOString());
    return { id: Number(info.lastInsertRowid), added: true };
  }

  get(pageId: number): PageRow | undefined {
    const r = this.db.prepare(`${SELECT_PAGE} WHERE p.id = ?`).get(pageId) as RawPage | undefined;
    return r && toPage(r);
  }

  ofDocument(documentId: number): PageRow[] {
    return (this.db.prepare(`${SELECT_PAGE} WHERE p.document_id = ? ORDER BY p.position`).all(documentId) as RawPage[]).map(toPage);
  }

  markCleaned(pageId: number, u: CleanedPageUpdate): void {
    cachedStatement(
      this.db,
      `UPDATE page SET state = 'cleaned', clean_sha256 = @cleanSha256, ocr_image_sha256 = @ocrImageSha256, thumb_sha256 = @thumbSha256, preview_sha256 = @previewSha256,
           width = @width, height = @height, dpi = @dpi, dpi_assumed = @dpiAssumed, color_mode = @colorMode, rotation = @rotation,
           skew = @skew, blank = @blank, phash = @phash, flags = @flags, error = NULL
         WHERE id = @pageId`,
    ).run({
      ...u,
      previewSha256: u.previewSha256 ?? null,
      pageId,
      dpiAssumed: u.dpiAssumed ? 1 : 0,
      blank: u.blank ? 1 : 0,
      flags: JSON.stringify(u.flags),
    });
  }

  /** Keeps a preview made after the page was cleaned, unless the page changed meanwhile (cleaned again, turned). */
  setPreview(pageId: number, cleanSha256: string, previewSha256: string): void {
    cachedStatement(this.db, 'UPDATE page SET preview_sha256 = ? WHERE id = ? AND clean_sha256 = ? AND preview_sha256 IS NULL').run(
      previewSha256,
      pageId,
      cleanSha256,
    );
  }

  markRead(pageId: number, textSha256: string, text: string, confidence: number, extraFlags: string[]): void {
    const page = this.get(pageId);
    const flags = [...new Set([...(page?.flags ?? []), ...extraFlags])];
    cachedStatement(
      this.db,
      `UPDATE page SET state = 'read', text_sha256 = ?, ocr_text = ?, ocr_confidence = ?, flags = ? WHERE id = ?`,
    ).run(textSha256, text, confidence, JSON.stringify(flags), pageId);
  }

  markFailed(pageId: number, error: { code: string; message: string }): void {
    cachedStatement(this.db, `UPDATE page SET state = 'failed', error = ? WHERE id = ?`).run(JSON.stringify(error), pageId);
  }
}
