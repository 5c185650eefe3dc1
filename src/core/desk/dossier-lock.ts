import type { Dossier, DossierStatus } from '../../shared/types';
import type { Store } from '../store/store';
import { NotFoundError } from '../validation-error';
import { DossierFinalizedError } from './desk-errors';

const LOCKED: readonly DossierStatus[] = ['finalized', 'synced'];

export const isLocked = (status: DossierStatus) => LOCKED.includes(status);

/** The dossier, when its pages and fields may still change; a finalized one is refused with a coded error. */
export function editableDossier(store: Store, dossierId: number): Dossier {
  const dossier = store.dossiers.get(dossierId);
  if (!dossier) throw new NotFoundError('dossier', dossierId);
  if (isLocked(dossier.status)) throw new DossierFinalizedError(dossierId);
  return dossier;
}
