import { CodedError } from '../../shared/errors';
import { foldVietnamese } from '../../shared/fold';
import type { SearchHit } from '../../shared/types';
import { searchTerms } from '../store/search-index';
import type { Store } from '../store/store';

export class PersonalSearchRefusedError extends CodedError {
  constructor(reason: 'number' | 'name') {
    super(
      'search.personal-data',
      `This role may not search by a person's ${reason === 'number' ? 'CCCD or other personal number' : 'name'}: a hit would say who has a dossier`,
      { reason },
    );
  }
}

/** Six digits or more, spaces and dots between them allowed: a CCCD, CMND or phone number, whole or in part. */
const PERSONAL_NUMBER = /\d(?:[\s.-]?\d){5,}/;
/** How many dossiers whose metadata matches a query are compared with it by name. */
const NAME_CANDIDATES = 200;

const words = (text: string | null) => (text ? searchTerms(text).filter((w) => /\p{L}/u.test(w)) : []);

/**
 * Search for a role that does not see personal data (supervisors): a query by CCCD (or any long
 * number) or by a person's name is refused, since even a hit without details confirms who has a
 * dossier. A query is a name search when its words all belong to one applicant's name.
 */
export function refusePersonalSearch(store: Store, text: string): void {
  if (PERSONAL_NUMBER.test(text)) throw new PersonalSearchRefusedError('number');
  const terms = words(text);
  if (terms.length === 0) return;
  for (const id of store.search.dossiersWithMetadata(terms, NAME_CANDIDATES)) {
    const name = new Set(words(store.dossiers.get(id)?.applicantName ?? null));
    if (terms.every((t) => name.has(t))) throw new PersonalSearchRefusedError('name');
  }
}

/** Snippets as lists show dossiers to such a role: the applicant's name and address words, and every long number, masked. */
export function maskPersonalSnippets(store: Store, hits: SearchHit[]): SearchHit[] {
  const personal = new Map<number, Set<string>>();
  const wordsOf = (dossierId: number) => {
    let set = personal.get(dossierId);
    if (!set) {
      const d = store.dossiers.get(dossierId);
      set = new Set([...words(d?.applicantName ?? null), ...words(d?.applicantAddress ?? null)]);
      personal.set(dossierId, set);
    }
    return set;
  };
  return hits.map((h) => {
    if (h.pageId === null) return { ...h, snippet: '' };
    const mine = wordsOf(h.dossierId);
    const snippet = h.snippet
      .replace(/\d[\d .-]{4,}\d/g, (run) => run.replace(/\d/g, '•'))
      .replace(/[\p{L}\p{M}]+/gu, (word) => (mine.has(foldVietnamese(word)) ? '•'.repeat(word.length) : word));
    return { ...h, snippet };
  });
}
