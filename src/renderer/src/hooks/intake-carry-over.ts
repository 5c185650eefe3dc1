import { todayIso } from './today';

const KEY = 'sohoa.intakeCarryOver';

/** What the next intake starts from: the procedure and received date of the last one (the desk opens in between). */
export interface IntakeCarryOver {
  procedureCode: string;
  receivedDate: string;
}

export function loadIntakeCarryOver(): Partial<IntakeCarryOver> {
  try {
    const saved = JSON.parse(window.sessionStorage.getItem(KEY) ?? '{}') as (Partial<IntakeCarryOver> & { savedOn?: string }) | null;
    if (typeof saved !== 'object' || saved === null) return {};
    // A date carried over from another day would file today's citizen under yesterday.
    return saved.savedOn === todayIso()
      ? { procedureCode: saved.procedureCode, receivedDate: saved.receivedDate }
      : { procedureCode: saved.procedureCode };
  } catch {
    return {};
  }
}

export function saveIntakeCarryOver(values: IntakeCarryOver): void {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify({ ...values, savedOn: todayIso() }));
  } catch {
    // Without storage the next intake starts blank.
  }
}
