import type { DossierStatus } from '../../../shared/types';
import type { MessageKey } from './vi';

export const STATUS_LABELS: Record<DossierStatus, MessageKey> = {
  received: 'status.received',
  scanning: 'status.scanning',
  checking: 'status.checking',
  finalized: 'status.finalized',
  synced: 'status.synced',
  returned: 'status.returned',
};

/** A status's label; a status this version does not know (a newer store, a bad row) is shown as it is, never a crash. */
export function statusLabel(t: (key: MessageKey) => string, status: string): string {
  return Object.hasOwn(STATUS_LABELS, status) ? t(STATUS_LABELS[status as DossierStatus]) : status;
}
