import type { Store } from '../../src/core/store/store';

/** A hand-back put straight into the store, judged by the test itself (for figures that only count them). */
export function storeHandBack(store: Store, dossierId: number, returnedAt: string, onTime: boolean | null, dueDate: string | null): void {
  store.db.transaction(() =>
    store.results.insertHandBack({
      dossierId,
      returnedAt,
      receiverName: 'Người nhận',
      receiverKind: 'applicant',
      authorizationRef: null,
      method: 'desk',
      clerk: 'test',
      dueDate,
      deadline: dueDate,
      onTime,
      workingDaysLate: onTime === false ? 1 : 0,
      lateReason: onTime === false ? 'Cần xác minh thêm' : null,
      newDate: null,
    }),
  )();
}
