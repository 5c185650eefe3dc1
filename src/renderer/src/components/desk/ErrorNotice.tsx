import { errorCode, fieldIssues } from '../../engine/engine-errors';
import { errorMessage, fieldProblemMessage } from '../../i18n/error-messages';
import { useT } from '../../i18n/i18n-context';
import { Notice } from '../Notice';

/** An engine error as one sentence in the clerk's language (with each field's problem when it is about input). */
export function ErrorNotice({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  const issues = fieldIssues(error);
  return (
    <Notice tone="error">
      {issues.length ? issues.map((i) => fieldProblemMessage(t, i.field, i.problem)).join(' ') : errorMessage(t, errorCode(error))}
    </Notice>
  );
}
