import { CodedError } from '../../../shared/errors';

export interface FieldIssue {
  field: string;
  problem: string;
}

/** The stable code of whatever a call threw; a thrown non-coded error counts as an internal one. */
export function errorCode(error: unknown): string {
  return error instanceof CodedError ? error.code : 'engine.internal';
}

/** The per-field problems of an `input.invalid` error, or an empty list for any other error. */
export function fieldIssues(error: unknown): FieldIssue[] {
  if (!(error instanceof CodedError) || error.code !== 'input.invalid') return [];
  const issues = error.details?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.filter(
    (i): i is FieldIssue =>
      typeof i === 'object' && i !== null && typeof (i as FieldIssue).field === 'string' && typeof (i as FieldIssue).problem === 'string',
  );
}
