import { useRef } from 'react';
import type { Dossier } from '../../../shared/types';
import { useFocusFirstInvalid } from '../hooks/use-focus-first-invalid';
import { useNewDossierForm, type DossierField } from '../hooks/use-new-dossier-form';
import { errorMessage, fieldProblemMessage, problemMessage } from '../i18n/error-messages';
import { useT } from '../i18n/i18n-context';
import { Notice } from './Notice';
import { ProcedurePicker } from './ProcedurePicker';
import { DateField } from './DateField';
import { TextField } from './TextField';

/** Receives a citizen's dossier: the engine checks it, issues its code and files it. */
export function NewDossierForm({ onCreated }: { onCreated: (dossier: Dossier) => void }) {
  const t = useT();
  const formRef = useRef<HTMLFormElement>(null);
  const { values, setField, failure, created, submitting, submit } = useNewDossierForm(onCreated);
  useFocusFirstInvalid(formRef, failure);

  const problem = (field: DossierField) => {
    const code = failure?.fields[field];
    return code ? problemMessage(t, code) : null;
  };
  const bind = (field: DossierField) => ({ value: values[field], onChange: (v: string) => setField(field, v), problem: problem(field) });

  return (
    <form ref={formRef} className="card dossier-form" onSubmit={submit} noValidate aria-labelledby="new-dossier-title">
      <h2 id="new-dossier-title">{t('form.title')}</h2>
      {failure && (
        <Notice tone="error">
          <p>{failure.code ? errorMessage(t, failure.code) : t('form.hasErrors')}</p>
          {failure.others.map((o) => (
            <p key={`${o.field}:${o.problem}`}>{fieldProblemMessage(t, o.field, o.problem)}</p>
          ))}
        </Notice>
      )}
      {created && <Notice tone="success">{t('form.created', { code: created.code })}</Notice>}

      <ProcedurePicker
        value={values.procedureCode}
        onChange={(code) => setField('procedureCode', code)}
        problem={problem('procedureCode')}
      />
      <TextField label={t('form.applicantName')} {...bind('applicantName')} autoComplete="off" />
      <TextField
        label={t('form.applicantCccd')}
        {...bind('applicantCccd')}
        inputMode="numeric"
        autoComplete="off"
        hint={t('form.applicantCccdHint', { count: values.applicantCccd.replace(/\D/g, '').length })}
      />
      <TextField
        label={t('form.applicantPhone')}
        labelNote={t('form.optional')}
        {...bind('applicantPhone')}
        type="tel"
        autoComplete="off"
      />
      <TextField label={t('form.applicantAddress')} labelNote={t('form.optional')} {...bind('applicantAddress')} autoComplete="off" />
      <DateField label={t('form.receivedDate')} {...bind('receivedDate')} />
      <DateField label={t('form.dueDate')} labelNote={t('form.optional')} {...bind('dueDate')} hint={t('form.dueDateHint')} />
      <button type="submit" className="primary" aria-busy={submitting}>
        {submitting ? t('form.submitting') : t('form.submit')}
      </button>
    </form>
  );
}
