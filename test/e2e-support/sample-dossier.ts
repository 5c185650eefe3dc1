import type { Engine } from '../../src/core/engine';
import type { EngineHandlers } from '../../src/shared/contract';
import { recordPageFromCorpus } from '../record/support/corpus-pages';
import { addReadDocument } from './read-document';

/** The dossier most desk tests start from: a birth registration (MAU-HT-01) taken in for one applicant. */
export function createBirthRegistration(handlers: Pick<EngineHandlers, 'dossier.create'>) {
  return handlers['dossier.create']({
    procedureCode: 'MAU-HT-01',
    applicantName: 'Đỗ Thị Mai',
    applicantCccd: '074190000123',
    receivedDate: '2026-11-23',
  });
}

export interface SignedDossierPlan {
  applicantName: string;
  /** Today unless given. */
  receivedDate?: string;
  /** Far ahead unless given: not late. */
  dueDate?: string;
}

/**
 * A birth registration whose declaration (one corpus page) is read and signed with the signer the
 * engine has unlocked, the missing components confirmed: a received dossier ready for its result.
 */
export async function createSignedBirthRegistration(engine: Pick<Engine, 'handlers' | 'store'>, plan: SignedDossierPlan) {
  const dossier = await engine.handlers['dossier.create']({
    procedureCode: 'MAU-HT-01',
    applicantCccd: '074190000123',
    receivedDate: new Date().toISOString().slice(0, 10),
    dueDate: '2099-12-31',
    ...plan,
  });
  await addReadDocument(engine.store, dossier.id, 'Tờ khai', [recordPageFromCorpus('viadm-2833')]);
  await engine.handlers['dossier.finalize']({ dossierId: dossier.id, confirmMissing: true });
  return dossier;
}
