import type { BatchQcView, BatchState, BatchSummary, QcDossier } from '../../shared/archive-types';
import type { ArchiveRepository, BatchRow } from '../store/archive-repository';
import type { Store } from '../store/store';
import { BatchNotFoundError } from './archive-errors';
import { qcQueue } from './qc-queue';

/** The rate is measured over the pages read in this last stretch of time. */
const RATE_WINDOW_MS = 5 * 60_000;

const isSigned = (status: string) => status === 'finalized' || status === 'synced';

/** A batch stored as running (or just opened) with every page processed and no job left is done, whoever ran it. */
function stateOf(archive: ArchiveRepository, batch: BatchRow, progress: { done: number; total: number }): BatchState {
  const status = batch.status as BatchState;
  if (
    (status === 'running' || status === 'open') &&
    progress.total > 0 &&
    progress.done === progress.total &&
    archive.pendingJobs(batch.id) === 0
  )
    return 'done';
  return status;
}

/** A batch with its progress (rate and time left while it runs), its reconciliation and its dossiers at QC. */
export function batchSummary(
  archive: ArchiveRepository,
  batch: BatchRow,
  signing: { done: number; total: number } | null,
  now = Date.now(),
): BatchSummary {
  const progress = archive.progress(batch.id);
  const state = stateOf(archive, batch, progress);
  let perMinute: number | null = null;
  if (state === 'running') {
    const recent = archive.pagesReadSince(batch.id, new Date(now - RATE_WINDOW_MS).toISOString());
    if (recent.n > 0 && recent.first) perMinute = recent.n / Math.max(1, (now - Date.parse(recent.first)) / 60_000);
  }
  const counts = archive.summaryCounts(batch.id);
  const flags = archive.flags(batch.id);
  return {
    id: batch.id,
    name: batch.name,
    source: batch.source,
    registerPath: batch.registerPath,
    state,
    createdAt: batch.createdAt,
    progress: { ...progress, perMinute, secondsLeft: perMinute ? Math.round(((progress.total - progress.done) / perMinute) * 60) : null },
    reconciliation: {
      registered: counts.registered,
      found: counts.found,
      matched: counts.matched,
      missing: flags.filter((f) => f.kind === 'missing').length,
      extra: flags.filter((f) => f.kind === 'extra').length,
      countMismatches: flags.filter((f) => f.kind === 'count-mismatch').length,
    },
    dossiers: { total: counts.dossiers, approved: counts.approved, signed: counts.signed, toSign: counts.approvedUnsigned },
    signing,
  };
}

/** The QC station's view of a batch: every dossier (flagged ones with their reasons and pages), and registered dossiers not found. */
export function batchQcView(
  store: Store,
  archive: ArchiveRepository,
  batchId: number,
  signing: { done: number; total: number } | null,
): BatchQcView {
  const batch = archive.batch(batchId);
  if (!batch) throw new BatchNotFoundError(String(batchId));
  const approvals = new Map(archive.approvals(batchId).map((a) => [a.dossierId, a]));
  const dossiers = new Map<number, QcDossier>();
  for (const f of archive.folders(batchId)) {
    const a = approvals.get(f.dossierId);
    if (!a) continue; // deleted
    dossiers.set(f.dossierId, {
      dossierId: f.dossierId,
      code: f.dossierCode,
      box: f.box,
      archiveNumber: f.archiveNumber,
      title: f.title,
      pages: f.pages,
      expectedPages: f.expectedPages,
      reasons: [],
      flaggedPages: [],
      approved: a.approvedAt !== null,
      signed: isSigned(a.status),
    });
  }
  for (const item of qcQueue(store, batchId)) {
    const d = item.dossierId === null ? undefined : dossiers.get(item.dossierId);
    if (!d) continue;
    if (item.kind === 'page' && item.pageId !== null)
      d.flaggedPages.push({
        pageId: item.pageId,
        position: store.pages.get(item.pageId)?.position ?? 0,
        source: item.source,
        reasons: item.reasons,
      });
    else for (const r of item.reasons) if (!d.reasons.includes(r)) d.reasons.push(r);
  }
  const missing = archive
    .flags(batchId)
    .filter((f) => f.kind === 'missing')
    .map((f) => ({
      box: f.box,
      archiveNumber: f.archiveNumber,
      title: (f.details.title as string | undefined) ?? null,
      line: (f.details.line as number | undefined) ?? null,
    }));
  return { batch: batchSummary(archive, batch, signing), dossiers: [...dossiers.values()], missing };
}
