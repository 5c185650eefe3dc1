import type { MethodName, MethodResult } from '../../shared/contract';
import { canSeePersonalData } from '../../shared/roles';
import type { Dossier } from '../../shared/types';
import type { Principal } from './principal';

/** Audit details as a role without personal data sees them: corrected field values blanked, numbers masked everywhere. */
export function redactAuditDetails(action: string, details: Record<string, unknown>): Record<string, unknown> {
  const masked = JSON.parse(JSON.stringify(details), (_key, value: unknown) =>
    typeof value === 'string' ? maskNumbers(value) : value,
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
 * Runs of 6+ digits (CCCD, CMND, phone numbers) in free text. A hexadecimal digest (a SHA-256 of a
 * file or of an audit row, 32 hex digits or more) is no personal data and is kept whole.
 */
const maskNumbers = (text: string) =>
  text.replace(/\b[0-9a-f]{32,}\b|\d[\d .-]{4,}\d/gi, (run) => (/^[0-9a-f]{32,}$/i.test(run) ? run : run.replace(/\d/g, '•')));

/**
 * What callers without a need for personal data get instead: dossiers without the applicant's
 * name, CCCD, phone and address; search hits without the metadata snippet (it is the applicant's
 * details) and with numbers masked in OCR text. Methods not listed here carry no personal data
 * to such roles (the permission table keeps them from the desk's methods).
 */
const REDACTIONS: Redactions = {
  'dossier.list': (r) => ({ ...r, items: r.items.map(withoutApplicant) }),
  'dossier.get': (r) => withoutApplicant(r),
  'audit.list': (r) => ({ ...r, items: r.items.map((e) => ({ ...e, details: redactAuditDetails(e.action, e.details) })) }),
  'search.query': (hits) => hits.map((h) => ({ ...h, snippet: h.pageId === null ? '' : maskNumbers(h.snippet) })),
};

export const seesPersonalData = (caller: Principal): boolean => caller.kind === 'system' || canSeePersonalData(caller.role);

export function redactFor<K extends MethodName>(caller: Principal, method: K, result: MethodResult<K>): MethodResult<K> {
  if (seesPersonalData(caller)) return result;
  const redact = REDACTIONS[method] as ((r: MethodResult<K>) => MethodResult<K>) | undefined;
  return redact ? redact(result) : result;
}
