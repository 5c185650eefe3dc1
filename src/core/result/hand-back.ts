import type { HandBack } from '../../shared/result-contract';
import type { ParsedInput } from '../../shared/contract';
import type { AuditLog } from '../audit/audit-log';
import type { Store } from '../store/store';
import { NotFoundError } from '../validation-error';
import { holidayCalendar } from './holiday-calendar';
import {
  AuthorizationRequiredError,
  DossierAlreadyReturnedError,
  HandBackTimeError,
  LateReasonRequiredError,
  NotAnIntakeDossierError,
  ResultNotSignedError,
} from './result-errors';
import { timelinessOf } from './timeliness';
import { lastDayToReturn } from '../../shared/working-calendar';

export interface HandBackContext {
  store: Store;
  audit: AuditLog;
  actor: string;
  now: () => Date;
}

/** A hand-back time a little ahead of this clock is accepted (two machines' clocks differ). */
const CLOCK_SLACK_MS = 5 * 60_000;

/** The dossier a result may be handed back for: an intake dossier not yet returned. */
export function openIntakeDossier(store: Store, dossierId: number) {
  const dossier = store.dossiers.get(dossierId);
  if (!dossier) throw new NotFoundError('dossier', dossierId);
  if (dossier.kind !== 'intake') throw new NotAnIntakeDossierError(dossierId);
  const earlier = store.results.handBack(dossierId);
  if (earlier) throw new DossierAlreadyReturnedError(dossierId, earlier.returnedAt);
  return dossier;
}

/**
 * Records who received the finished result (signed by SoHoa, or signed elsewhere and timestamped by it), when and how, judges it on time or late against the due
 * date and the working-day calendar (a late one needs its reason), and closes the dossier as returned.
 */
export function handBackResult(ctx: HandBackContext, input: ParsedInput<'result.handBack'>): HandBack {
  const { store } = ctx;
  const results = store.results;
  const dossier = openIntakeDossier(store, input.dossierId);
  if (!results.hasFinishedResult(dossier.id)) throw new ResultNotSignedError(dossier.id);
  const now = ctx.now();
  const returnedAt = input.returnedAt ? new Date(input.returnedAt) : now;
  if (returnedAt.getTime() > now.getTime() + CLOCK_SLACK_MS) throw new HandBackTimeError(returnedAt.toISOString(), 'future');
  const calendar = holidayCalendar(store.settings);
  const t = timelinessOf(calendar, dossier, returnedAt);
  if (dossier.receivedDate && t.returnedDay < dossier.receivedDate)
    throw new HandBackTimeError(returnedAt.toISOString(), 'before-received');
  const authorizationRef = input.authorizationRef || null;
  if (input.receiverKind === 'authorized' && !authorizationRef) throw new AuthorizationRequiredError();
  const lateReason = input.lateReason || null;
  if (t.onTime === false && !lateReason) throw new LateReasonRequiredError(dossier.id, t.workingDaysLate);
  const handBack: HandBack = {
    ...t,
    returnedAt: returnedAt.toISOString(),
    receiverName: input.receiverName,
    receiverKind: input.receiverKind,
    authorizationRef,
    method: input.method,
    clerk: ctx.actor,
    lateReason: t.onTime === false ? lateReason : null,
    // A new appointment on a weekend or holiday ends on the next working day, as the first one.
    newDate: t.onTime === false && input.newDate ? lastDayToReturn(calendar, input.newDate) : null,
  };
  store.transaction(() => {
    results.insertHandBack(handBack);
    ctx.audit.append({
      actor: ctx.actor,
      action: 'dossier.hand-back',
      subject: String(dossier.id),
      details: {
        returnedAt: handBack.returnedAt,
        receiverKind: handBack.receiverKind,
        method: handBack.method,
        onTime: handBack.onTime,
        workingDaysLate: handBack.workingDaysLate,
        lateReason: handBack.lateReason,
      },
    });
    // The hub learns of the hand-back with the result's records: those it already holds are sent again.
    store.outbox.requeueResultsOf(dossier.id);
  });
  return handBack;
}
