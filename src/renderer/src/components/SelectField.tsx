import { useId } from 'react';
import { describedBy, FieldProblem } from './FieldProblem';

interface SelectFieldProps {
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange(value: string): void;
  problem?: string | null;
  hint?: string;
  disabled?: boolean;
  name?: string;
}

/** A labelled choice from a fixed list, with its hint and its problem, wired like TextField. */
export function SelectField({ label, value, options, onChange, problem, hint, disabled, name }: SelectFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const problemId = `${id}-problem`;
  return (
    <div className={problem ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy(problem && problemId, hint && hintId)}
      >
        {options.some((o) => o.value === value) ? null : <option value={value}>{value}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      <FieldProblem id={problemId} message={problem ?? null} />
    </div>
  );
}
