import { useId, useState } from 'react';
import type { SettingView } from '../../../../shared/settings-schema';
import { useLanguage, useT } from '../../i18n/i18n-context';
import { TextField } from '../TextField';

/** `scanner.drivers` as the engine reads it (ScanDriverSettings): keys this form does not show are kept as they are. */
interface DriversValue {
  sane?: false | { scanimagePath?: string; env?: Record<string, string>; extraScanArgs?: string[]; [other: string]: unknown };
  wia?: false | Record<string, unknown>;
  escl?: { addresses: string[]; [other: string]: unknown };
  [other: string]: unknown;
}

function valueOf(text: string): DriversValue {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as DriversValue) : {};
  } catch {
    return {};
  }
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Drops a key whose value is empty, so the stored JSON holds only what was set. */
function withOptional<T extends object>(object: T, key: string, value: unknown): T {
  const { [key]: _dropped, ...rest } = object as Record<string, unknown>;
  const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
  return (empty ? rest : { ...rest, [key]: value }) as T;
}

interface ScannerDriversFieldProps {
  view: SettingView;
  text: string;
  onChange(text: string): void;
}

/** Which scanner drivers this workstation uses, as a form: SANE and its options, WIA, and network (eSCL) scanners by address. */
export function ScannerDriversField({ view, text, onChange }: ScannerDriversFieldProps) {
  const t = useT();
  const { language } = useLanguage();
  const value = valueOf(text);
  const sane = value.sane === false ? null : (value.sane ?? {});
  const save = (next: DriversValue) => onChange(JSON.stringify(next));
  const setSane = (change: (s: Exclude<DriversValue['sane'], false | undefined>) => DriversValue['sane']) =>
    save({ ...value, sane: change(sane ?? {}) });
  const addresses = value.escl?.addresses ?? [];

  return (
    <fieldset className="scanner-drivers" disabled={!view.editable}>
      <legend>{view.label[language]}</legend>
      <p className="field-hint">{t('settings.drivers.help')}</p>
      <div className="field checkbox-field">
        <label>
          <input type="checkbox" checked={sane !== null} onChange={(e) => save({ ...value, sane: e.target.checked ? {} : false })} />{' '}
          {t('settings.drivers.sane')}
        </label>
      </div>
      {sane !== null ? (
        <div className="driver-options">
          <TextField
            label={t('settings.drivers.scanimagePath')}
            hint={t('settings.drivers.scanimagePathHint')}
            value={sane.scanimagePath ?? ''}
            onChange={(path) => setSane((s) => withOptional(s, 'scanimagePath', path.trim()))}
            name="scanner-drivers-scanimage"
          />
          <TextField
            label={t('settings.drivers.saneConfigDir')}
            hint={t('settings.drivers.saneConfigDirHint')}
            value={sane.env?.SANE_CONFIG_DIR ?? ''}
            onChange={(dir) => setSane((s) => withOptional(s, 'env', withOptional(s.env ?? {}, 'SANE_CONFIG_DIR', dir.trim())))}
            name="scanner-drivers-sane-config"
          />
          <LinesField
            label={t('settings.drivers.extraArgs')}
            hint={t('settings.drivers.extraArgsHint')}
            lines={sane.extraScanArgs ?? []}
            onChange={(args) => setSane((s) => withOptional(s, 'extraScanArgs', args))}
          />
        </div>
      ) : null}
      <div className="field checkbox-field">
        <label>
          <input
            type="checkbox"
            checked={value.wia !== false}
            onChange={(e) => save(e.target.checked ? withOptional(value, 'wia', undefined) : { ...value, wia: false })}
          />{' '}
          {t('settings.drivers.wia')}
        </label>
      </div>
      <LinesField
        label={t('settings.drivers.escl')}
        hint={t('settings.drivers.esclHint')}
        lines={addresses}
        onChange={(list) =>
          save(list.length > 0 ? { ...value, escl: { ...value.escl, addresses: list } } : withOptional(value, 'escl', undefined))
        }
      />
    </fieldset>
  );
}

/** A list as text, one item a line; the text is kept as typed (a new empty line) while the list saved has no blanks. */
function LinesField({
  label,
  hint,
  lines: list,
  onChange,
}: {
  label: string;
  hint: string;
  lines: string[];
  onChange(list: string[]): void;
}) {
  const id = useId();
  const [text, setText] = useState(list.join('\n'));
  const shown = lines(text).join('\n') === list.join('\n') ? text : list.join('\n');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={3}
        value={shown}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          setText(e.target.value);
          onChange(lines(e.target.value));
        }}
      />
      <p id={`${id}-hint`} className="field-hint">
        {hint}
      </p>
    </div>
  );
}
