import type { SettingView } from '../../../../shared/settings-schema';
import { TextField } from '../TextField';
import { useLanguage } from '../../i18n/i18n-context';

interface SettingFieldProps {
  view: SettingView;
  text: string;
  onChange(text: string): void;
  /** The problem with the text as typed, already in the user's language. */
  problem: string | null;
}

/** One setting as a labelled input (text as the command line types it), read-only when the role may not change it. */
export function SettingField({ view, text, onChange, problem }: SettingFieldProps) {
  const { language } = useLanguage();
  return (
    <TextField
      label={view.label[language]}
      hint={view.help[language]}
      value={text}
      onChange={onChange}
      problem={problem}
      readOnly={!view.editable}
      inputMode={view.kind === 'integer' || view.kind === 'number' ? 'decimal' : undefined}
      name={view.key}
    />
  );
}
