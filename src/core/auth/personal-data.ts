import type { AuditSubject } from '../../shared/audit-subject';
import type { AuditEntry } from '../../shared/auth-types';
import type { MethodName, MethodResult } from '../../shared/contract';
import { canSeePersonalData } from '../../shared/roles';
import type { Dossier } from '../../shared/types';
import type { Principal } from './principal';

/** Audit details as a role without personal data sees them: corrected field values blanked, numbers masked everywhere. */
export function redactAuditDetails(action: string, details: Record<string, unknown>): Record<string, unknown> {
  const masked = JSON.parse(JSON.stringify(details), (_key, value: unknown) =>
    typeof value === 'string' ? maskStandaloneNumbers(value) : value,
  ) as Record<string, unknown>;
  if (action === 'field.correct') return { ...masked, value: '•••', ocrValue: masked.ocrValue == null ? null : '•••' };
  return masked;
}

type Redactions = { [K in MethodName]?: (result: MethodResult<K>) => MethodResult<K> };

const withoutApplicant = <D extends Dossier>(d: D): D => ({
  ...d,
  applicantName: null,
  applicantCccd: null,
  applicantPhone: null,
  applicantAddress: null,
});
/**
 * A run of digits (a CCCD, a CMND, a phone number; groups may be split by one space, dot or hyphen),
 * taken whole: the lookahead-and-backreference keeps the engine from backing off to a shorter run.
 */
const DIGIT_RUN = /(?<![\p{L}\p{N}])(?<![0-9a-f][.-])(?=(\d+(?:[ .-]\d+)*))\1(?![\p{L}\p{N}])(?![.-]\p{L})/gu;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Runs of 6+ digits that stand alone. Digits that touch a letter, or join lowercase hex through a
 * hyphen or dot, belong to an identifier (a SHA-256, a UUID, an ISO timestamp) and are kept whole,
 * as is a bare ISO date: none of them is personal data.
 */
const maskStandaloneNumbers = (text: string) =>
  text.replace(DIGIT_RUN, (run) => (run.replace(/\D/g, '').length < 6 || ISO_DAY.test(run) ? run : run.replace(/\d/g, '•')));

/** A subject's free text (a folder, a certificate's name, an unknown subject) with numbers masked; names of records stay. */
function redactSubject(s: AuditSubject | null): AuditSubject | null {
  if (s?.kind === 'folder') return { ...s, path: maskStandaloneNumbers(s.path) };
  if (s?.kind === 'certificate') return { ...s, name: maskStandaloneNumbers(s.name) };
  if (s?.kind === 'text') return { ...s, text: maskStandaloneNumbers(s.text) };
  return s;
}

const redactAuditEntry = (e: AuditEntry): AuditEntry => ({
  ...e,
  subject: e.subject === null ? null : maskStandaloneNumbers(e.subject),
  subjectView: redactSubject(e.subjectView),
  details: redactAuditDetails(e.action, e.details),
});

/** Every run of 6+ digits, glued to a word or not: OCR text holds no digests, and may glue "CCCD" to the number. */
const maskEveryNumber = (text: string) => text.replace(/\d[\d .-]{4,}\d/g, (run) => run.replace(/\d/g, '•'));

/**
 * What callers without a need for personal data get instead: dossiers without the applicant's
 * name, CCCD, phone and address; search hits without the metadata snippet (it is the applicant's
 * details) and with numbers masked in OCR text. Methods not listed here carry no personal data
 * to such roles (the permission table keeps them from the desk's methods).
 */
const REDACTIONS: Redactions = {
  'dossier.list': (r) => ({ ...r, items: r.items.map(withoutApplicant) }),
  'dossier.get': (r) => withoutApplicant(r),
  'audit.list': (r) => ({ ...r, items: r.items.map(redactAuditEntry) }),
  'search.query': (hits) => hits.map((h) => ({ ...h, snippet: h.pageId === null ? '' : maskEveryNumber(h.snippet) })),
};

export const seesPersonalData = (caller: Principal): boolean => caller.kind === 'system' || canSeePersonalData(caller.role);

export function redactFor<K extends MethodName>(caller: Principal, method: K, result: MethodResult<K>): MethodResult<K> {
  if (seesPersonalData(caller)) return result;
  const redact = REDACTIONS[method] as ((r: MethodResult<K>) => MethodResult<K>) | undefined;
  return redact ? redact(result) : result;
}
