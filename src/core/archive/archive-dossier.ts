import type { AgencyIdentity } from '../../shared/agency';
import type { AuditLog } from '../audit/audit-log';
import type { Store } from '../store/store';
import type { Workstation } from '../store/workstation-repository';
import type { ArchiveRepository } from '../store/archive-repository';
import type { DossierFolder } from './folder-layout';
import type { RegisterRow } from './register-import';
import { markRegisterResult } from './register-result';

/** What taking in archive pages needs of the engine: its store, audit log, workstation and agency. */
export interface ArchiveIntakeHost {
  readonly store: Store;
  readonly audit: AuditLog;
  readonly workstation: Workstation;
  requireAgency(): AgencyIdentity;
}

/** The archive dossier of a folder (or of a stretch of a page stream) and its one document, created on the first run in one transaction. */
export function ensureDossier(
  engine: ArchiveIntakeHost,
  archive: ArchiveRepository,
  batchId: number,
  folder: DossierFolder,
  row: RegisterRow | null,
  actor: string,
): { dossierId: number; documentId: number } {
  const { store } = engine;
  const agency = engine.requireAgency();
  return store.transaction(() => {
    const existing = archive.folder(batchId, folder.relPath);
    if (existing) return existing;
    const box = row?.box || folder.box || null;
    const archiveNumber = row?.archiveNumber ?? folder.name;
    const prefix = `${agency.code}-LT${batchId}-`;
    const dossier = store.dossiers.insert(
      {
        kind: 'archive',
        procedureCode: null,
        applicantName: null,
        applicantCccd: null,
        applicantPhone: null,
        applicantAddress: null,
        receivedDate: null,
        dueDate: null,
        workstationId: engine.workstation.id,
        box,
        archiveNumber,
        year: row?.year ?? null,
        batchId,
        agency,
      },
      { prefix, format: (n) => `${prefix}${String(n).padStart(5, '0')}` },
    );
    const title = row?.title ?? `Hồ sơ ${archiveNumber}`;
    const documentId = store.documents.create(dossier.id, 'Hồ sơ lưu trữ', title);
    archive.addFolder(batchId, folder.relPath, dossier.id, documentId);
    store.search.indexDossier(dossier.id, [dossier.code, title, box, archiveNumber, row?.field, row?.year].filter(Boolean).join(' '));
    engine.audit.append({
      actor,
      action: 'archive.dossier.create',
      subject: dossier.code,
      details: { id: dossier.id, batchId, folder: folder.relPath, box, archiveNumber, registerLine: row?.line ?? null },
    });
    markRegisterResult(engine, batchId, { dossierId: dossier.id, documentId }, row, actor);
    return { dossierId: dossier.id, documentId };
  });
}
