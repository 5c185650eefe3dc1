import { settingControl } from '../../../../shared/settings-control';
import { settingDefinition, type SettingView } from '../../../../shared/settings-schema';
import { SelectField } from '../SelectField';
import { TextField } from '../TextField';
import { useLanguage } from '../../i18n/i18n-context';

interface SettingFieldProps {
  view: SettingView;
  text: string;
  onChange(text: string): void;
  /** The problem with the text as typed, already in the user's language. */
  problem: string | null;
}

/**
 * One setting as a labelled control, read-only when the role may not change it: a choice of the
 * schema as a list, a number as a number field with its range, anything else as text.
 */
export function SettingField({ view, text, onChange, problem }: SettingFieldProps) {
  const { language } = useLanguage();
  const def = settingDefinition(view.key)!;
  const control = settingControl(def);
  const common = { label: view.label[language], hint: view.help[language], problem, name: view.key };
  if (control.type === 'select') {
    return (
      <SelectField
        {...common}
        value={text}
        onChange={onChange}
        disabled={!view.editable}
        options={control.options.map((o) => ({ value: o, label: def.choices?.[o]?.[language] ?? o }))}
      />
    );
  }
  if (control.type === 'number') {
    return (
      <TextField
        {...common}
        value={text}
        onChange={onChange}
        readOnly={!view.editable}
        type="number"
        min={control.min}
        max={control.max}
        step={control.step}
        inputMode="decimal"
      />
    );
  }
  return <TextField {...common} value={text} onChange={onChange} readOnly={!view.editable} />;
}
