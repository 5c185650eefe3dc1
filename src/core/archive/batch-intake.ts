import { readFile, realpath, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { addCapturedPages } from '../intake/page-intake';
import { maxPagesPerFile, readFilesAsPages } from '../intake/read-files';
import { ArchiveRepository, type BatchRow } from '../store/archive-repository';
import { BatchFolderNotFoundError, RegisterUnreadableError } from './archive-errors';
import { batchKey } from './batch-key';
import { readFolderLayout } from './folder-layout';
import { ensureDossier, type ArchiveIntakeHost } from './archive-dossier';
import { matchFolders } from './match-register';
import { reconcile, type ImportProblem } from './reconcile';
import type { RegisterEncoding } from './register-encoding';
import type { ColumnMap } from './register-columns';
import { parseSeparationMode, separationName, type SeparationMode } from './separation';
import { takeInStream } from './stream-intake';
import { readRegister, type ParsedRegister } from './register-import';
import { checkRegisterSize } from './register-limits';
import { CodedError } from '../../shared/errors';

export interface BatchIntakeOptions {
  folder: string;
  registerPath?: string;
  encoding?: RegisterEncoding;
  /** XLSX register: the sheet to read (name, number from 1, or 'all'). */
  sheet?: string;
  /** Register columns chosen by hand (`--map`); remembered for the batch. */
  columns?: ColumnMap;
  /** How pages are split into dossiers; remembered for the batch (folders the first time by default). */
  separate?: SeparationMode;
  actor: string;
  /** Called once the batch is opened or found, before any page is read; may refuse by throwing. */
  beforeStart?: (batchId: number) => void;
  /** Asked between dossiers (pages, for a stream): true stops the intake where it is (it resumes next run). */
  shouldStop?: () => boolean;
  /** A repeat intake within the same run (a watched folder): the batch is not logged as resumed again. */
  again?: boolean;
}

export interface BatchIntake {
  batch: BatchRow;
  resumed: boolean;
  register: ParsedRegister | null;
  pagesAdded: number;
  loose: string[];
  /** Separator pages met (QR or Patch T sheets, or blank pages); not kept as pages. */
  separators: number;
  importProblems: Map<string, ImportProblem[]>;
  /** Files taken in with something worth saying (e.g. import.pdf-repaired), one entry per file. */
  importWarnings: ImportProblem[];
}

/**
 * Opens an archive batch (or finds it again: same folder and register), reads its register,
 * splits the folder into dossiers and imports their pages. Every step is keyed (batch by folder and
 * register, dossier by folder, page by image hash), so running it again adds nothing.
 */
export async function takeInBatch(engine: ArchiveIntakeHost, options: BatchIntakeOptions): Promise<BatchIntake> {
  const archive = engine.store.archive;
  const source = await realFolder(options.folder);
  const registerPath = options.registerPath ? await realpath(options.registerPath).catch(() => options.registerPath!) : null;
  const key = batchKey(source, registerPath);
  // The register is read before the batch is opened, so an unusable one leaves nothing behind. A run
  // taken up again reads the sheet(s) the batch was started with, unless told otherwise.
  const known = archive.batchByKey(key);
  const sheet = options.sheet ?? known?.registerSheet ?? undefined;
  const register = registerPath
    ? await loadRegister(registerPath, {
        remembered: known?.columns ?? undefined,
        chosen: options.columns,
        encoding: options.encoding,
        sheet,
      })
    : null;
  const { batch, resumed } = openBatch(engine, archive, { source, registerPath, key }, options.actor, options.again);
  options.beforeStart?.(batch.id);
  if (register) archive.saveRegister(batch.id, register, sheet ?? null);
  if (options.separate) archive.setSeparation(batch.id, separationName(options.separate));
  const mode = parseSeparationMode(archive.batch(batch.id)!.separation);
  if (mode.kind !== 'folders') {
    const rows = register?.rows ?? archive.registerRows(batch.id);
    const stream = await takeInStream(engine, archive, batch, rows, mode, options.actor, { shouldStop: options.shouldStop });
    saveFlags(archive, batch.id, stream.importProblems);
    return {
      batch: archive.batch(batch.id)!,
      resumed,
      register,
      pagesAdded: stream.pagesAdded,
      loose: stream.loose,
      separators: stream.separators,
      importProblems: stream.importProblems,
      importWarnings: stream.importWarnings,
    };
  }

  const layout = await readFolderLayout(source);
  const { matches } = matchFolders(layout.dossiers, register?.rows ?? []);
  const importProblems = new Map<string, ImportProblem[]>();
  const importWarnings: ImportProblem[] = [];
  let pagesAdded = 0;
  for (const { folder, row } of matches) {
    if (options.shouldStop?.()) break;
    const { documentId } = ensureDossier(engine, archive, batch.id, folder, row, options.actor);
    archive.setFolderRegisterLine(batch.id, folder.relPath, row?.line ?? null);
    const result = await addCapturedPages(
      engine.store,
      documentId,
      readFilesAsPages([folder.path], { maxPagesPerFile: maxPagesPerFile(engine.store.settings) }),
    );
    pagesAdded += result.added.length;
    if (result.errors.length) importProblems.set(folder.relPath, result.errors);
    importWarnings.push(...(result.warnings ?? []));
  }
  saveFlags(archive, batch.id, importProblems);
  return {
    batch: archive.batch(batch.id)!,
    resumed,
    register,
    pagesAdded,
    loose: layout.loose,
    separators: 0,
    importProblems,
    importWarnings,
  };
}

/** Reads a register file (CSV or XLSX); an unreadable file is a coded error. */
export async function loadRegister(path: string, options: Parameters<typeof readRegister>[2]): Promise<ParsedRegister> {
  let bytes: Buffer;
  try {
    checkRegisterSize((await stat(path)).size, path);
    bytes = await readFile(path);
  } catch (e) {
    if (e instanceof CodedError) throw e;
    throw new RegisterUnreadableError(path, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
  return readRegister(bytes, path, options);
}

/** Recomputes and stores the batch's reconciliation flags from what the store holds now. */
export function saveFlags(archive: ArchiveRepository, batchId: number, importProblems: Map<string, ImportProblem[]>): void {
  const batch = archive.batch(batchId)!;
  const flags = reconcile({
    folders: archive.folders(batchId),
    rows: archive.registerRows(batchId),
    hasRegister: batch.registerPath !== null,
    importProblems,
  });
  archive.replaceFlags(batchId, flags);
}

/** The batch folder as the store keys it (its real path); not a folder: `batch.folder-not-found`. */
export async function realFolder(folder: string): Promise<string> {
  try {
    if (!(await stat(folder)).isDirectory()) throw new BatchFolderNotFoundError(folder);
    return await realpath(folder);
  } catch (e) {
    if (e instanceof BatchFolderNotFoundError) throw e;
    throw new BatchFolderNotFoundError(folder);
  }
}

function openBatch(
  engine: ArchiveIntakeHost,
  archive: ArchiveRepository,
  where: { source: string; registerPath: string | null; key: string },
  actor: string,
  again = false,
): { batch: BatchRow; resumed: boolean } {
  const { source, registerPath, key } = where;
  return engine.store.transaction(() => {
    const found = archive.batchByKey(key);
    if (found) {
      if (!again) engine.audit.append({ actor, action: 'batch.resume', subject: `batch:${found.id}`, details: { source, registerPath } });
      return { batch: found, resumed: true };
    }
    const batch = archive.createBatch({ name: basename(source), source, registerPath, key });
    engine.audit.append({ actor, action: 'batch.open', subject: `batch:${batch.id}`, details: { source, registerPath } });
    return { batch, resumed: false };
  });
}
