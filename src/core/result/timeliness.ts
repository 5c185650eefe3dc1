import type { Timeliness } from '../../shared/result-contract';
import { lastDayToReturn, workingDaysLate, type WorkingCalendar } from '../../shared/working-calendar';
import { localDay } from '../stats/indicators';

/**
 * On time when the result is handed back on or before the due date's last working day (a due date
 * on a weekend or holiday moves to the next working day), on the workstation's local calendar.
 */
export function timelinessOf(calendar: WorkingCalendar, dossier: { id: number; dueDate: string | null }, returnedAt: Date): Timeliness {
  const returnedDay = localDay(returnedAt);
  if (!dossier.dueDate) return { dossierId: dossier.id, dueDate: null, deadline: null, returnedDay, onTime: null, workingDaysLate: 0 };
  const deadline = lastDayToReturn(calendar, dossier.dueDate);
  const onTime = returnedDay <= deadline;
  return {
    dossierId: dossier.id,
    dueDate: dossier.dueDate,
    deadline,
    returnedDay,
    onTime,
    workingDaysLate: onTime ? 0 : workingDaysLate(calendar, dossier.dueDate, returnedDay),
  };
}
