import { problemPlace } from './register-preview';
import type { ArchiveFlag, ArchiveRepository, BatchFolderRow } from '../store/archive-repository';
import { BatchNotFoundError } from './archive-errors';
import type { RegisterProblem } from './register-import';

/** A batch as the store holds it: register against folders, page counts, flags. */
export interface BatchReport {
  batch: {
    id: number;
    name: string;
    source: string;
    registerPath: string | null;
    status: string;
    registerEncoding: string | null;
    separation: string;
  };
  registered: number;
  dossiersFound: number;
  matched: number;
  pages: { found: number; expected: number; read: number; failed: number; records: number };
  dossiers: (Pick<
    BatchFolderRow,
    | 'relPath'
    | 'dossierId'
    | 'dossierCode'
    | 'box'
    | 'archiveNumber'
    | 'year'
    | 'title'
    | 'registerLine'
    | 'pages'
    | 'pagesRead'
    | 'pagesFailed'
  > & {
    expectedPages: number | null;
    record: boolean;
  })[];
  missing: ArchiveFlag[];
  extra: ArchiveFlag[];
  registerProblems: RegisterProblem[];
  flags: ArchiveFlag[];
}

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

const where = (f: { box: string; archiveNumber: string }) => (f.box ? `${f.box}/${f.archiveNumber}` : f.archiveNumber);

/** The report as lines for a terminal: Vietnamese first, English second. */
export function formatBatchReport(r: BatchReport): string[] {
  const lines = [
    `Lô / batch ${r.batch.id} (${r.batch.name}): ${r.batch.status}; split by ${r.batch.separation}`,
    `Hồ sơ tìm thấy / dossiers found: ${r.dossiersFound}; đăng ký / registered: ${r.registered}; khớp / matched: ${r.matched}`,
    `Trang / pages: ${r.pages.found} found, ${r.pages.expected} expected (registered dossiers), ${r.pages.read} read, ${r.pages.failed} failed; records: ${r.pages.records}/${r.dossiersFound}`,
  ];
  for (const d of r.dossiers) {
    const expected = d.registerLine === null ? 'not in register' : d.expectedPages === null ? 'expected ?' : `expected ${d.expectedPages}`;
    lines.push(`  ${d.relPath}: ${d.dossierCode}, ${d.pages} page(s), ${expected}${d.pagesFailed ? `, ${d.pagesFailed} failed` : ''}`);
  }
  for (const f of r.flags) lines.push(`! ${f.kind} ${where(f)} ${JSON.stringify(f.details)}`);
  for (const p of r.registerProblems) lines.push(`register ${problemPlace(p)}: ${p.code} (${p.severity}) ${p.message}`);
  return lines;
}
