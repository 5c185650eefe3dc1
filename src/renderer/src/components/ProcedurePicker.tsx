import { useId, useRef, type KeyboardEvent } from 'react';
import { useProcedurePicker } from '../hooks/use-procedure-picker';
import { useT } from '../i18n/i18n-context';
import { describedBy, FieldProblem } from './FieldProblem';

interface ProcedurePickerProps {
  value: string;
  onChange(code: string): void;
  problem: string | null;
}

/** A filter box over a list of the catalog's procedures. */
export function ProcedurePicker({ value, onChange, problem }: ProcedurePickerProps) {
  const t = useT();
  const id = useId();
  const listRef = useRef<HTMLSelectElement>(null);
  const { filter, setFilter, procedures, nothingFound } = useProcedurePicker(value, onChange);
  const noneId = `${id}-none`;
  const problemId = `${id}-problem`;

  // Enter or ↓ in the filter moves on to the list rather than submitting the form.
  const toList = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter' && e.key !== 'ArrowDown') return;
    e.preventDefault();
    listRef.current?.focus();
  };

  return (
    <div className={problem ? 'field field--invalid' : 'field'}>
      <label htmlFor={`${id}-filter`}>{t('form.procedureFilter')}</label>
      <input
        id={`${id}-filter`}
        type="search"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        onKeyDown={toList}
        placeholder={t('form.procedureFilterPlaceholder')}
        aria-controls={`${id}-list`}
        autoComplete="off"
      />
      <label htmlFor={`${id}-list`} className="sublabel">
        {t('form.procedure')}
      </label>
      <select
        ref={listRef}
        id={`${id}-list`}
        size={5}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy(problem && problemId, nothingFound && noneId)}
      >
        <option value="">{t('form.procedureNotChosen')}</option>
        {procedures.map((p) => (
          <option key={p.code} value={p.code}>
            {p.name}
            {p.processingDays != null &&
              ` — ${p.processingDays === 1 ? t('form.procedureDaysOne') : t('form.procedureDays', { days: p.processingDays })}`}
          </option>
        ))}
      </select>
      {nothingFound && (
        <p id={noneId} className="field-hint">
          {t('form.procedureNone')}
        </p>
      )}
      <FieldProblem id={problemId} message={problem} />
    </div>
  );
}
