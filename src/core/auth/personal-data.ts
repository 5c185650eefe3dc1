import type { MethodName, MethodResult } from '../../shared/contract';
import { canSeePersonalData } from '../../shared/roles';
import type { Dossier } from '../../shared/types';
import type { Principal } from './principal';

type Redactions = { [K in MethodName]?: (result: MethodResult<K>) => MethodResult<K> };

const withoutApplicant = <D extends Dossier>(d: D): D => ({ ...d, applicantName: null, applicantCccd: null, applicantPhone: null, applicantAddress: null });
/** Runs of 6+ digits (CCCD, CMND, phone numbers) in free text. */
const maskNumbers = (text: string) => text.replace(/\d[\d .-]{4,}\d/g, (run) => run.replace(/\d/g, '•'));

/**
 * What callers without a need for personal data get instead: dossiers without the applicant's
 * name, CCCD, phone and address; search hits without the metadata snippet (it is the applicant's
 * details) and with numbers masked in OCR text. Methods not listed here carry no personal data
 * to such roles (the permission table keeps them from the desk's methods).
 */
const REDACTIONS: Redactions = {
  'dossier.list': (r) => ({ ...r, items: r.items.map(withoutApplicant) }),
  'dossier.get': (r) => withoutApplicant(r),
  'search.query': (hits) => hits.map((h) => ({ ...h, snippet: h.pageId === null ? '' : maskNumbers(h.snippet) })),
};

export function redactFor<K extends MethodName>(caller: Principal, method: K, result: MethodResult<K>): MethodResult<K> {
  if (caller.kind === 'system' || canSeePersonalData(caller.role)) return result;
  const redact = REDACTIONS[method] as ((r: MethodResult<K>) => MethodResult<K>) | undefined;
  return redact ? redact(result) : result;
}
