import type { HandBackSummary } from '../../../src/shared/sync-protocol';

/** A hand-back two working days late, with its reason. */
export const LATE_HAND_BACK: HandBackSummary = {
  returnedAt: '2026-12-02T09:00:00.000Z',
  dueDate: '2026-11-30',
  deadline: null,
  onTime: false,
  workingDaysLate: 2,
  lateReason: 'Chờ bổ sung giấy tờ',
};
