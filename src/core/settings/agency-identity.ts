import type { AgencyIdentity } from '../../shared/agency';
import type { Workstation } from '../store/workstation-repository';
import type { WorkstationSettings } from './workstation-settings';

/** The agency as set now; null until agency.name and agency.code are both set. */
export function agencyFromSettings(settings: WorkstationSettings): AgencyIdentity | null {
  const name = settings.value('agency.name');
  const code = settings.value('agency.code');
  if (typeof name !== 'string' || typeof code !== 'string') return null;
  return {
    name,
    code,
    parent: settings.text('agency.parent'),
    address: settings.text('agency.address'),
    workstationName: settings.text('workstation.name'),
    desk: settings.text('workstation.desk'),
  };
}

/** What a dossier taken in before the agency was a setting carries: the workstation row's placeholder agency. */
export function legacyAgency(workstation: Workstation): AgencyIdentity {
  return {
    name: workstation.agencyName,
    code: workstation.agencyCode,
    parent: '',
    address: '',
    workstationName: workstation.name,
    desk: '',
  };
}
