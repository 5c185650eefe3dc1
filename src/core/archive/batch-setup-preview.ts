import { realpath } from 'node:fs/promises';
import type { BatchFolderPreview, BatchSetupPreview, RegisterPreviewView } from '../../shared/batch-start-contract';
import { walkFiles } from '../capture/files/walk-files';
import type { ArchiveRepository } from '../store/archive-repository';
import { loadRegister, realFolder } from './batch-intake';
import { batchKey } from './batch-key';
import { readFolderLayout } from './folder-layout';
import type { ColumnMap } from './register-columns';
import { previewRegister } from './register-preview';
import { parseSeparationMode, type SeparationMode } from './separation';
import { streamFolder } from './stream-intake';

export interface BatchSetup {
  folder: string;
  registerPath?: string;
  separate: string;
  columns?: ColumnMap;
  sheet?: string;
}

/** How many dossier folders the preview names. */
const FIRST_DOSSIERS = 5;

/**
 * What a new batch would take in, before anything is: the folder as the chosen separation splits it,
 * and the register's column map with its first rows. A bad folder, register, map or mode is the same
 * coded error the start would give.
 */
export async function previewBatchSetup(archive: ArchiveRepository, setup: BatchSetup): Promise<BatchSetupPreview> {
  const mode = parseSeparationMode(setup.separate);
  const source = await realFolder(setup.folder);
  const folder = await folderPreview(source, mode);
  if (!setup.registerPath) return { folder, register: null };
  const registerPath = await realpath(setup.registerPath).catch(() => setup.registerPath!);
  // A batch started before with this folder and register remembers its map: the preview shows that one.
  const known = archive.batchByKey(batchKey(source, registerPath));
  const chosen = setup.columns ? { ...setup.columns } : undefined;
  const register = await loadRegister(registerPath, {
    remembered: known?.columns ?? undefined,
    chosen,
    sheet: setup.sheet ?? known?.registerSheet ?? undefined,
  });
  return { folder, register: { ...registerView(previewRegister(register)), delimiter: register.delimiter } };
}

async function folderPreview(source: string, mode: SeparationMode): Promise<BatchFolderPreview> {
  if (mode.kind === 'folders') {
    const layout = await readFolderLayout(source);
    return {
      path: source,
      dossiers: layout.dossiers.length,
      firstDossiers: layout.dossiers.slice(0, FIRST_DOSSIERS).map((d) => d.relPath),
      files: layout.loose.length,
    };
  }
  let files = 0;
  for await (const _ of walkFiles(await streamFolder(source))) files++;
  return { path: source, dossiers: null, firstDossiers: [], files };
}

function registerView(p: ReturnType<typeof previewRegister>): RegisterPreviewView {
  const mapped = new Set(Object.values(p.columns));
  return {
    encoding: p.encoding,
    delimiter: p.delimiter,
    headerLines: p.headerLines,
    header: p.header,
    columns: p.columns,
    unmapped: p.header.filter((h) => h !== '' && !mapped.has(h)),
    rows: p.rows.map((r) => ({
      line: r.line,
      box: r.box,
      archiveNumber: r.archiveNumber,
      title: r.title,
      year: r.year,
      field: r.field,
      expectedPages: r.expectedPages,
      retention: r.retention,
    })),
    rowCount: p.rowCount,
    problems: p.problems.map((x) => ({ line: x.line, code: x.code, message: x.message, severity: x.severity })),
  };
}
