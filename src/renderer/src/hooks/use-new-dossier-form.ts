import { useCallback, useState, type FormEvent } from 'react';
import type { MethodInput } from '../../../shared/contract';
import type { Dossier } from '../../../shared/types';
import { useEngine } from '../engine/engine-context';
import { errorCode, fieldIssues, type FieldIssue } from '../engine/engine-errors';
import { loadIntakeCarryOver, saveIntakeCarryOver } from './intake-carry-over';
import { todayIso } from './today';

export const DOSSIER_FIELDS = [
  'procedureCode',
  'applicantName',
  'applicantCccd',
  'applicantPhone',
  'applicantAddress',
  'receivedDate',
  'dueDate',
] as const;
export type DossierField = (typeof DOSSIER_FIELDS)[number];
export type DossierFormValues = Record<DossierField, string>;

const isDossierField = (field: string): field is DossierField => (DOSSIER_FIELDS as readonly string[]).includes(field);

const blankForm = (): DossierFormValues => ({
  procedureCode: '',
  applicantName: '',
  applicantCccd: '',
  applicantPhone: '',
  applicantAddress: '',
  receivedDate: todayIso(),
  dueDate: '',
});

const toInput = (v: DossierFormValues): MethodInput<'dossier.create'> => ({
  procedureCode: v.procedureCode,
  applicantName: v.applicantName,
  applicantCccd: v.applicantCccd.trim(),
  applicantPhone: v.applicantPhone,
  applicantAddress: v.applicantAddress || undefined,
  receivedDate: v.receivedDate,
  dueDate: v.dueDate || undefined,
});

export interface FormFailure {
  /** The engine's problem code for each field it rejected (the first one, if several). */
  fields: Partial<Record<DossierField, string>>;
  /** Problems not tied to a field of this form. */
  others: FieldIssue[];
  /** The error code, when the engine refused for another reason than the input. */
  code: string | null;
}

/**
 * The new-dossier form: what the user typed, and the engine's verdict on it. The engine decides
 * what is valid; on refusal every value stays as typed and nothing is created.
 */
export function useNewDossierForm(onCreated: (dossier: Dossier) => void) {
  const api = useEngine();
  const [values, setValues] = useState<DossierFormValues>(() => {
    const { procedureCode, receivedDate } = loadIntakeCarryOver();
    return { ...blankForm(), ...(procedureCode ? { procedureCode } : {}), ...(receivedDate ? { receivedDate } : {}) };
  });
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [created, setCreated] = useState<Dossier | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const setField = useCallback((field: DossierField, value: string) => setValues((v) => ({ ...v, [field]: value })), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    setCreated(null);
    try {
      const dossier = await api['dossier.create'](toInput(values));
      setFailure(null);
      setCreated(dossier);
      // The next citizen often comes for the same procedure on the same day.
      setValues((v) => ({ ...blankForm(), procedureCode: v.procedureCode, receivedDate: v.receivedDate }));
      saveIntakeCarryOver({ procedureCode: values.procedureCode, receivedDate: toInput(values).receivedDate });
      onCreated(dossier);
    } catch (error) {
      setFailure(describeFailure(error));
    } finally {
      setSubmitting(false);
    }
  };

  return { values, setField, failure, created, submitting, submit };
}

function describeFailure(error: unknown): FormFailure {
  const issues = fieldIssues(error);
  const fields: FormFailure['fields'] = {};
  const others: FieldIssue[] = [];
  for (const issue of issues) {
    if (isDossierField(issue.field)) fields[issue.field] ??= issue.problem;
    else others.push(issue);
  }
  return { fields, others, code: issues.length ? null : errorCode(error) };
}
