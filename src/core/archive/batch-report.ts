import type { BatchReport } from '../../shared/batch-report';
import type { ArchiveRepository } from '../store/archive-repository';
import { BatchNotFoundError } from './archive-errors';

export type { BatchReport };

/** What the batch has come to, from the store: register against folders, page counts, flags. */

export function batchReport(archive: ArchiveRepository, batchId: number): BatchReport {
  const batch = archive.batch(batchId);
  if (!batch) throw new BatchNotFoundError(String(batchId));
  const folders = archive.folders(batchId);
  const flags = archive.flags(batchId);
  const matched = folders.filter((f) => f.registerLine !== null);
  return {
    batch: {
      id: batch.id,
      name: batch.name,
      source: batch.source,
      registerPath: batch.registerPath,
      status: batch.status,
      registerEncoding: batch.registerEncoding,
      separation: batch.separation,
    },
    registered: archive.registerRows(batchId).length,
    dossiersFound: folders.length,
    matched: matched.length,
    pages: {
      found: sum(folders.map((f) => f.pages)),
      expected: sum(matched.map((f) => f.expectedPages ?? 0)),
      read: sum(folders.map((f) => f.pagesRead)),
      failed: sum(folders.map((f) => f.pagesFailed)),
      records: folders.filter((f) => f.records > 0).length,
    },
    dossiers: folders.map((f) => ({
      relPath: f.relPath,
      dossierId: f.dossierId,
      dossierCode: f.dossierCode,
      box: f.box,
      archiveNumber: f.archiveNumber,
      year: f.year,
      title: f.title,
      registerLine: f.registerLine,
      pages: f.pages,
      pagesRead: f.pagesRead,
      pagesFailed: f.pagesFailed,
      expectedPages: f.expectedPages,
      record: f.records > 0,
    })),
    missing: flags.filter((f) => f.kind === 'missing'),
    extra: flags.filter((f) => f.kind === 'extra'),
    registerProblems: batch.registerProblems,
    flags,
  };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
