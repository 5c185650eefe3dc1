import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { JOURNAL_NAME } from '../capture/hot-folder-journal';
import { IMPORTED_DIR } from '../capture/hot-folder';
import { sha256Hex } from '../store/blob-store';
import { addCapturedPages, type CapturedItem } from '../intake/page-intake';
import { maxPagesPerFile, readFilesAsPages } from '../intake/read-files';
import type { ArchiveRepository } from '../store/archive-repository';
import { ensureDossier, type ArchiveIntakeHost } from './archive-dossier';
import type { DossierFolder } from './folder-layout';
import type { ImportProblem } from './reconcile';
import type { RegisterRow } from './register-import';
import { numberKey } from './register-values';
import { pageRole, separationName, type PageRole, type SeparationMode } from './separation';
import type { SeparatorIdentity } from './separator-payload';

export interface StreamIntake {
  pagesAdded: number;
  /** Pages met before the first separator sheet: in no dossier, not imported. */
  loose: string[];
  separators: number;
  importProblems: Map<string, ImportProblem[]>;
  /** Files taken in with a warning (e.g. import.pdf-repaired), one entry per file. */
  importWarnings: ImportProblem[];
}

/** Where one dossier of the stream starts: its key (stable from run to run) and who it is. */
interface StreamDossier {
  folder: DossierFolder;
  row: RegisterRow | null;
  documentId: number;
}

const pad = (n: number) => String(n).padStart(4, '0');

/**
 * A flat stream of pages (a folder of scans, in natural order) split into dossiers as it is read,
 * page by page, so memory stays flat: at a QR separator sheet (the dossier it names), at a Patch T
 * sheet or a blank page (the next register row), or every N pages (the next register row). Separator pages are not
 * kept. The split depends only on the pages, so a second run finds the same dossiers and adds nothing.
 */
export async function takeInStream(
  engine: ArchiveIntakeHost,
  archive: ArchiveRepository,
  batch: { id: number; source: string },
  rows: RegisterRow[],
  mode: Exclude<SeparationMode, { kind: 'folders' }>,
  actor: string,
  options: { shouldStop?: () => boolean; pages?: AsyncIterable<CapturedItem> } = {},
): Promise<StreamIntake> {
  const pages =
    options.pages ?? readFilesAsPages([await streamFolder(batch.source)], { maxPagesPerFile: maxPagesPerFile(engine.store.settings) });
  const result: StreamIntake = { pagesAdded: 0, loose: [], separators: 0, importProblems: new Map(), importWarnings: [] };
  const taken = new Set<number>();
  let sequence = 0;
  let current: StreamDossier | null = null;
  let inCurrent = 0;
  let afterSeparator = false;

  const opened = new Map<string, StreamDossier>();
  const open = (id: SeparatorIdentity | null): StreamDossier => {
    inCurrent = 0;
    const again = id && opened.get(`QR ${id.box ? `${id.box}/` : ''}${id.archiveNumber}`);
    if (again) return again;
    let folder: DossierFolder;
    let row: RegisterRow | null;
    if (id) {
      const boxKey = id.box ? numberKey(id.box) : '';
      const nKey = numberKey(id.archiveNumber);
      row = rows.find((r) => !taken.has(r.line) && r.numberKey === nKey && (r.boxKey === boxKey || !boxKey || !r.boxKey)) ?? null;
      folder = {
        path: batch.source,
        relPath: `QR ${id.box ? `${id.box}/` : ''}${id.archiveNumber}`,
        box: id.box,
        boxKey,
        name: id.archiveNumber,
        numberKey: nKey,
      };
    } else {
      sequence++;
      row = rows[sequence - 1] ?? null;
      const name = row?.archiveNumber ?? `#${sequence}`;
      folder = {
        path: batch.source,
        relPath: `#${pad(sequence)}`,
        box: row?.box ?? '',
        boxKey: row?.boxKey ?? '',
        name,
        numberKey: numberKey(name),
      };
    }
    if (row) taken.add(row.line);
    const { documentId } = ensureDossier(engine, archive, batch.id, folder, row, actor);
    archive.setFolderRegisterLine(batch.id, folder.relPath, row?.line ?? null);
    const dossier = { folder, row, documentId };
    opened.set(folder.relPath, dossier);
    return dossier;
  };

  for await (const item of pages) {
    if (options.shouldStop?.()) break;
    if ('error' in item) {
      const key = current?.folder.relPath ?? '';
      const list = result.importProblems.get(key) ?? [];
      list.push({ source: item.source, code: item.error.code, message: item.error.message });
      result.importProblems.set(key, list);
      continue;
    }
    const role = await cachedRole(mode, item.bytes);
    if (role.role === 'separator') {
      result.separators++;
      if (mode.kind === 'qr') current = open(role.id);
      // Patch T sheets in a row (one fed twice) start one dossier, opened at its first page.
      else if (mode.kind === 'patch-t') afterSeparator = true;
      // Blank pages in a row are one separator; a blank first page separates nothing.
      else if (current && !afterSeparator) afterSeparator = true;
      continue;
    }
    if (mode.kind === 'patch-t' && afterSeparator) current = open(null);
    if (mode.kind === 'count' && current && inCurrent >= mode.pages) current = open(null);
    if (mode.kind === 'blank' && (!current || afterSeparator)) current = open(null);
    if (mode.kind === 'count' && !current) current = open(null);
    afterSeparator = false;
    if (!current) {
      result.loose.push(item.source);
      continue;
    }
    const added = await addCapturedPages(engine.store, current.documentId, [item]);
    result.pagesAdded += added.added.length;
    result.importWarnings.push(...(added.warnings ?? []));
    inCurrent++;
  }
  return result;
}

/** A watched (hot) folder keeps what it took in `imported/`: that is its stream. */
export async function streamFolder(source: string): Promise<string> {
  try {
    await access(join(source, JOURNAL_NAME));
    return join(source, IMPORTED_DIR);
  } catch {
    return source;
  }
}

/** Roles by image hash, so a watched folder read again and again decodes each page once per process. */
const roles = new Map<string, PageRole>();

async function cachedRole(mode: SeparationMode, bytes: Buffer): Promise<PageRole> {
  const key = `${separationName(mode)}:${sha256Hex(bytes)}`;
  const known = roles.get(key);
  if (known) return known;
  const role = await pageRole(mode, bytes);
  roles.set(key, role);
  return role;
}
