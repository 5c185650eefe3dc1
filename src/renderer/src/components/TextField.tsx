import { useId, type InputHTMLAttributes } from 'react';
import { describedBy, FieldProblem } from './FieldProblem';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'id'>;

interface TextFieldProps extends InputProps {
  label: string;
  value: string;
  onChange(value: string): void;
  /** The problem to show, already in the user's language. */
  problem?: string | null;
  hint?: string;
  /** Shown after the label, e.g. "(optional)". */
  labelNote?: string;
}

/** A labelled input with its hint and its problem, wired for assistive technology. */
export function TextField({ label, value, onChange, problem, hint, labelNote, ...input }: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const problemId = `${id}-problem`;
  return (
    <div className={problem ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {labelNote && <span className="label-note"> {labelNote}</span>}
      </label>
      <input
        {...input}
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy(problem && problemId, hint && hintId)}
      />
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      <FieldProblem id={problemId} message={problem ?? null} />
    </div>
  );
}
