import type { RescanResult, ScanProfile } from '../../shared/types';
import { driverById, scanDriversFor } from '../capture/drivers';
import { ScanDriverUnavailableError } from '../capture/scanner-errors';
import { enqueuePage } from '../jobs/pipeline';
import type { DeskRepository } from '../store/desk-repository';
import type { PageRow } from '../store/page-repository';
import type { Store } from '../store/store';
import { RescanDuplicateError, RescanNothingScannedError, ScanInProgressError } from './desk-errors';
import { scanDriverSettings } from './scan-into-document';

export interface RescanContext {
  store: Store;
  desk: DeskRepository;
  /** Scans running, by document: a re-scan counts as one. */
  running: Map<number, AbortController>;
  /** `approvalWithdrawn`: the page was in an archive dossier approved at QC, which must be looked at again. */
  onReplaced(details: {
    oldPageId: number;
    oldImageSha256: string;
    newPageId: number;
    newImageSha256: string;
    approvalWithdrawn: boolean;
  }): void;
}

/** One page from the scanner with the profile's settings; the scan stops after the first sheet. */
async function scanOnePage(store: Store, profile: ScanProfile, abort: AbortController): Promise<Buffer | null> {
  const driver = driverById(scanDriversFor(scanDriverSettings(store)), profile.driver);
  if (!driver) throw new ScanDriverUnavailableError(profile.driver);
  let first: Buffer | null = null;
  await driver.scan(
    profile.deviceId,
    { dpi: profile.dpi, colorMode: profile.colorMode, source: profile.source },
    {
      onPage: (page) => {
        first ??= page.bytes;
        abort.abort();
      },
    },
    abort.signal,
  );
  return first;
}

/**
 * Scans a page again and puts the new scan where the old page stood, in the same document; the
 * old page leaves the document (its image stays in the blob store, named in the audit log) and
 * the new one goes through the pipeline, after which the record is built again.
 */
export async function rescanPage(ctx: RescanContext, page: PageRow, profile: ScanProfile): Promise<RescanResult> {
  const { store } = ctx;
  if (ctx.running.has(page.documentId)) throw new ScanInProgressError(page.documentId);
  const abort = new AbortController();
  ctx.running.set(page.documentId, abort);
  let bytes: Buffer | null;
  try {
    bytes = await scanOnePage(store, profile, abort);
  } finally {
    ctx.running.delete(page.documentId);
  }
  if (!bytes) throw new RescanNothingScannedError(page.id);
  return replacePage(ctx, page, bytes, `${profile.driver}:${profile.deviceId}#rescan`);
}

/**
 * Puts a new image where a page stood, in the same document (from the scanner, or a new photo or
 * file when the dossier's pages came from those); the old page leaves the document and the record.
 */
export function replacePage(ctx: Omit<RescanContext, 'running'>, page: PageRow, bytes: Buffer, source: string): RescanResult {
  const { store, desk } = ctx;
  const sha = store.blobs.put(bytes);
  return store.transaction(() => {
    const twin = store.pages.ofDocument(page.documentId).find((p) => p.imageSha256 === sha);
    if (twin) throw new RescanDuplicateError(page.id, twin.id);
    // Added before the old page goes, so the new page never takes the old one's id.
    const added = store.pages.addPage(page.documentId, sha, source);
    desk.deletePage(page.id);
    desk.movePage(added.id, page.documentId, page.position);
    enqueuePage(store, { id: added.id, documentId: page.documentId, dossierId: page.dossierId }, sha);
    store.dossiers.settleWorkStatus(page.dossierId);
    const approvalWithdrawn = store.archive.withdrawApproval(page.dossierId);
    ctx.onReplaced({ oldPageId: page.id, oldImageSha256: page.imageSha256, newPageId: added.id, newImageSha256: sha, approvalWithdrawn });
    return { replaced: page.id, pageId: added.id };
  });
}
