import { fieldIssues } from '../engine/engine-errors';
import { problemMessage } from '../i18n/error-messages';
import type { Translate } from '../i18n/translate';

/** The engine's per-field problems of a failed call, as messages by field name. */
export function problemsByField(t: Translate, error: unknown): Record<string, string> {
  return Object.fromEntries(fieldIssues(error).map((i) => [i.field, problemMessage(t, i.problem)]));
}
