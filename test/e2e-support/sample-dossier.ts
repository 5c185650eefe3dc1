import type { EngineHandlers } from '../../src/shared/contract';

/** The dossier most desk tests start from: a birth registration (MAU-HT-01) taken in for one applicant. */
export function createBirthRegistration(handlers: Pick<EngineHandlers, 'dossier.create'>) {
  return handlers['dossier.create']({
    procedureCode: 'MAU-HT-01',
    applicantName: 'Đỗ Thị Mai',
    applicantCccd: '074190000123',
    receivedDate: '2026-11-23',
  });
}
