import type { Engine } from '../../src/core/engine';
import type { Dossier } from '../../src/shared/types';

export interface ArchiveDossierFields {
  batchId: number;
  archiveNumber: string;
  box?: string | null;
  year?: number | null;
  /** The code's prefix; the code is the prefix and a running number. */
  prefix?: string;
}

/**
 * An archive dossier row of a batch, as the archive intake makes one but without its folder or
 * document: the test adds those it needs. No citizen, no procedure, no dates.
 */
export function insertArchiveDossier(engine: Pick<Engine, 'store' | 'workstation'>, fields: ArchiveDossierFields): Dossier {
  const prefix = fields.prefix ?? `LT-${fields.batchId}-`;
  const { store } = engine;
  return store.db.transaction(() =>
    store.dossiers.insert(
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
        box: fields.box ?? null,
        archiveNumber: fields.archiveNumber,
        year: fields.year ?? null,
        batchId: fields.batchId,
      },
      { prefix, format: (n) => `${prefix}${n}` },
    ),
  )();
}
