import type { ArchiveFlag, BatchFolderRow } from '../store/archive-repository';
import type { RegisterRow } from './register-import';

export interface ImportProblem {
  source: string;
  code: string;
  message: string;
}

/**
 * The batch against its register: a flag per dossier whose page count differs from the register's,
 * per registered dossier with no folder (missing), per folder not in the register (extra), per
 * dossier with pages the pipeline failed on, and per dossier with files that could not be read.
 */
export function reconcile(input: {
  folders: BatchFolderRow[];
  rows: RegisterRow[];
  hasRegister: boolean;
  importProblems: Map<string, ImportProblem[]>;
}): ArchiveFlag[] {
  const flags: ArchiveFlag[] = [];
  const matchedLines = new Set(input.folders.map((f) => f.registerLine).filter((l): l is number => l !== null));
  for (const f of input.folders) {
    const at = { dossierId: f.dossierId, box: f.box, archiveNumber: f.archiveNumber };
    if (f.registerLine !== null && f.expectedPages !== null && f.expectedPages !== f.pages) {
      flags.push({
        kind: 'count-mismatch',
        ...at,
        details: { folder: f.relPath, expected: f.expectedPages, found: f.pages, line: f.registerLine },
      });
    }
    if (input.hasRegister && f.registerLine === null) flags.push({ kind: 'extra', ...at, details: { folder: f.relPath, pages: f.pages } });
    if (f.pagesFailed > 0) flags.push({ kind: 'pages-failed', ...at, details: { folder: f.relPath, failed: f.pagesFailed } });
    const problems = input.importProblems.get(f.relPath);
    if (problems?.length)
      flags.push({
        kind: 'unreadable-files',
        ...at,
        details: { folder: f.relPath, files: problems.map((p) => ({ source: p.source, code: p.code })) },
      });
  }
  for (const r of input.rows) {
    if (matchedLines.has(r.line)) continue;
    flags.push({
      kind: 'missing',
      dossierId: null,
      box: r.box,
      archiveNumber: r.archiveNumber,
      details: { line: r.line, title: r.title, expected: r.expectedPages },
    });
  }
  return flags;
}
