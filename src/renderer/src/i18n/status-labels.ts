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
