import { useMemo, useState } from 'react';
import { checkSetting, settingAsText, settingFromText } from '../../../../shared/settings-codec';
import { settingDefinition, type SettingView } from '../../../../shared/settings-schema';
import { useEngine } from '../../engine/engine-context';
import { useEngineAction } from '../../hooks/use-engine-action';
import { errorCode } from '../../engine/engine-errors';
import { errorMessage, problemMessage } from '../../i18n/error-messages';
import { useT } from '../../i18n/i18n-context';
import { Notice } from '../Notice';
import { ScannerDriversField } from './ScannerDriversField';
import { ScannerProfilesField } from './ScannerProfilesField';
import { SettingField } from './SettingField';

interface SettingsFormProps {
  /** The settings of one section, as settings.list gave them. */
  views: SettingView[];
  submitLabel: string;
  onSaved(views: SettingView[]): void;
}

/**
 * A section of settings: each field checked as it is typed against the shared schema, saved
 * together in one settings.set (all or nothing) and only when every field is valid.
 */
export function SettingsForm({ views, submitLabel, onSaved }: SettingsFormProps) {
  const t = useT();
  const api = useEngine();
  const action = useEngineAction();
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(views.map((v) => [v.key, settingAsText(v.value, v.kind)])),
  );
  const [saved, setSaved] = useState(false);
  const checks = useMemo(
    () =>
      Object.fromEntries(
        views.map((v) => {
          const def = settingDefinition(v.key)!;
          return [v.key, checkSetting(def, settingFromText(def, texts[v.key] ?? ''))];
        }),
      ),
    [views, texts],
  );
  const editable = views.filter((v) => v.editable);
  const invalid = editable.some((v) => !checks[v.key]!.ok);
  const problemOf = (key: string) => {
    const check = checks[key]!;
    return check.ok ? null : problemMessage(t, check.problem);
  };

  const submit = async () => {
    setSaved(false);
    if (invalid) return;
    const changes = editable.map((v) => ({ key: v.key, value: (checks[v.key] as { value: unknown }).value }));
    const result = await action.run(() => api['settings.set']({ changes }));
    if (result) {
      setSaved(true);
      onSaved(result);
    }
  };

  return (
    <form
      className="settings-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {views.map((v) =>
        v.key === 'scanner.profiles' ? (
          <ScannerProfilesField
            key={v.key}
            view={v}
            text={texts[v.key] ?? '[]'}
            onChange={(text) => {
              setSaved(false);
              setTexts((all) => ({ ...all, [v.key]: text }));
            }}
          />
        ) : v.key === 'scanner.drivers' ? (
          <ScannerDriversField
            key={v.key}
            view={v}
            text={texts[v.key] ?? '{}'}
            onChange={(text) => {
              setSaved(false);
              setTexts((all) => ({ ...all, [v.key]: text }));
            }}
          />
        ) : (
          <SettingField
            key={v.key}
            view={v}
            text={texts[v.key] ?? ''}
            onChange={(text) => {
              setSaved(false);
              setTexts((all) => ({ ...all, [v.key]: text }));
            }}
            problem={v.editable ? problemOf(v.key) : null}
          />
        ),
      )}
      {action.error ? <Notice tone="error">{errorMessage(t, errorCode(action.error))}</Notice> : null}
      {saved ? <Notice tone="success">{t('settings.saved')}</Notice> : null}
      {editable.length > 0 ? (
        <button type="submit" className="primary" disabled={action.busy || invalid}>
          {submitLabel}
        </button>
      ) : (
        <p className="field-hint">{t('settings.readOnly')}</p>
      )}
    </form>
  );
}
