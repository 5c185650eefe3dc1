import { useState } from 'react';
import type { ScannerTestScanResult } from '../../../../shared/contract';
import { paperSizeOf, SCAN_PROFILE_CUSTOM_MM, ScanProfiles, scanSourceOf, type ScanProfile } from '../../../../shared/scan-profile';
import type { SettingView } from '../../../../shared/settings-schema';
import { useEngine } from '../../engine/engine-context';
import { errorCode } from '../../engine/engine-errors';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useEngineQuery } from '../../hooks/use-engine-query';
import { errorMessage, problemMessage } from '../../i18n/error-messages';
import { useLanguage, useT } from '../../i18n/i18n-context';
import { Notice } from '../Notice';
import { SelectField } from '../SelectField';
import { TextField } from '../TextField';

/** A profile as typed: numbers stay text until they are numbers, so a half-typed "20" is shown, not lost. */
type Draft = Omit<ScanProfile, 'dpi' | 'widthMm' | 'heightMm'> & { dpi: string; widthMm: string; heightMm: string };

const NEW_PROFILE: Draft = {
  name: '',
  driver: '',
  deviceId: '',
  dpi: '300',
  colorMode: 'gray',
  source: 'flatbed',
  duplex: false,
  paper: 'A4',
  widthMm: '',
  heightMm: '',
};
const PAPERS = ['A4', 'A3', 'Letter', 'custom'] as const;

const textOfNumber = (n: number | undefined) => (n === undefined ? '' : String(n));

function draftsOf(text: string): Draft[] {
  try {
    const list = JSON.parse(text) as unknown;
    return Array.isArray(list)
      ? (list as ScanProfile[]).map((p) => ({
          ...NEW_PROFILE,
          ...p,
          dpi: textOfNumber(p.dpi),
          widthMm: textOfNumber(p.widthMm),
          heightMm: textOfNumber(p.heightMm),
        }))
      : [];
  } catch {
    return [];
  }
}

const numberOf = (text: string) => (text.trim() === '' ? NaN : Number(text));
/** The profile to check and save: a custom size only with the custom paper, so a named size carries no stray numbers. */
const typed = ({ widthMm, heightMm, ...d }: Draft) => ({
  ...d,
  dpi: numberOf(d.dpi),
  ...(d.paper === 'custom'
    ? { widthMm: widthMm.trim() === '' ? undefined : Number(widthMm), heightMm: heightMm.trim() === '' ? undefined : Number(heightMm) }
    : {}),
});
const textOf = (drafts: Draft[]) => JSON.stringify(drafts.map(typed));

interface ScannerProfilesFieldProps {
  view: SettingView;
  /** The setting as JSON text, as the form keeps every setting. */
  text: string;
  onChange(text: string): void;
}

/**
 * The `scanner.profiles` setting as one form per profile (name, scanner, resolution, colour, paper
 * source, two-sided, paper size), each field checked against the shared schema as it is typed, and a test scan
 * that shows the page the profile gives.
 */
export function ScannerProfilesField({ view, text, onChange }: ScannerProfilesFieldProps) {
  const t = useT();
  const { language } = useLanguage();
  const api = useEngine();
  const drafts = draftsOf(text);
  const scanners = useEngineQuery(() => api['scanner.list']({}), [api]);
  const action = useEngineAction();
  const [preview, setPreview] = useState<{ index: number; result: ScannerTestScanResult } | null>(null);
  const [scanning, setScanning] = useState<number | null>(null);

  const checked = ScanProfiles.safeParse(drafts.map(typed));
  const problem = (index: number, field: string): string | null => {
    if (checked.success) return null;
    const issue = checked.error.issues.find((i) => i.path[0] === index && i.path[1] === field);
    return issue ? problemMessage(t, issue.message) : null;
  };
  const update = (index: number, change: Partial<Draft>) => onChange(textOf(drafts.map((d, i) => (i === index ? { ...d, ...change } : d))));
  const devices = scanners.data?.devices ?? [];
  const deviceValue = (d: Draft) => (d.driver && d.deviceId ? `${d.driver}|${d.deviceId}` : '');

  const testScan = async (index: number) => {
    const p = typed(drafts[index]!);
    setScanning(index);
    setPreview(null);
    const result = await action.run(() =>
      api['scanner.testScan']({
        driver: p.driver,
        deviceId: p.deviceId,
        dpi: p.dpi,
        colorMode: p.colorMode,
        source: scanSourceOf(p),
        pageSize: paperSizeOf(p),
      }),
    );
    setScanning(null);
    if (result) setPreview({ index, result });
  };

  return (
    <fieldset className="scanner-profiles" disabled={!view.editable}>
      <legend>{view.label[language]}</legend>
      <p className="field-hint">{view.help[language]}</p>
      {scanners.error ? <Notice tone="error">{errorMessage(t, errorCode(scanners.error))}</Notice> : null}
      {drafts.length === 0 ? <p>{t('settings.scanners.none')}</p> : null}
      {drafts.map((d, index) => {
        const profileValid = checked.success || !checked.error.issues.some((i) => i.path[0] === index);
        return (
          <section key={index} className="scanner-profile" aria-label={t('settings.scanners.profile', { n: index + 1 })}>
            <h3>{d.name.trim() || t('settings.scanners.profile', { n: index + 1 })}</h3>
            <TextField
              label={t('settings.scanners.name')}
              value={d.name}
              onChange={(name) => update(index, { name })}
              problem={problem(index, 'name')}
              name={`profile-${index}-name`}
            />
            <SelectField
              label={t('settings.scanners.device')}
              value={deviceValue(d)}
              onChange={(v) => {
                const [driver = '', ...rest] = v.split('|');
                update(index, { driver, deviceId: rest.join('|') });
              }}
              options={[
                { value: '', label: t('settings.scanners.noDevice') },
                ...devices.map((dev) => ({ value: `${dev.driver}|${dev.id}`, label: `${dev.name} (${dev.id})` })),
              ]}
              problem={problem(index, 'deviceId') ?? problem(index, 'driver')}
              name={`profile-${index}-device`}
            />
            <TextField
              label={t('settings.scanners.dpi')}
              value={d.dpi}
              onChange={(dpi) => update(index, { dpi })}
              type="number"
              inputMode="numeric"
              min={200}
              max={1200}
              step={50}
              hint={t('settings.scanners.dpiHint')}
              problem={problem(index, 'dpi')}
              name={`profile-${index}-dpi`}
            />
            <SelectField
              label={t('settings.scanners.colorMode')}
              value={d.colorMode}
              onChange={(v) => update(index, { colorMode: v as Draft['colorMode'] })}
              options={[
                { value: 'color', label: t('settings.scanners.color') },
                { value: 'gray', label: t('settings.scanners.gray') },
              ]}
              problem={problem(index, 'colorMode')}
              name={`profile-${index}-color`}
            />
            <SelectField
              label={t('settings.scanners.source')}
              value={d.source}
              onChange={(v) => update(index, { source: v as Draft['source'] })}
              options={[
                { value: 'flatbed', label: t('settings.scanners.flatbed') },
                { value: 'adf', label: t('settings.scanners.adf') },
              ]}
              problem={problem(index, 'source')}
              name={`profile-${index}-source`}
            />
            <SelectField
              label={t('settings.scanners.paper')}
              value={d.paper}
              onChange={(v) => update(index, { paper: v as Draft['paper'] })}
              options={PAPERS.map((paper) => ({ value: paper, label: t(`settings.scanners.paper.${paper}` as const) }))}
              problem={problem(index, 'paper')}
              name={`profile-${index}-paper`}
            />
            {d.paper === 'custom' ? (
              <div className="paper-size">
                <TextField
                  label={t('settings.scanners.widthMm')}
                  value={d.widthMm}
                  onChange={(widthMm) => update(index, { widthMm })}
                  type="number"
                  inputMode="decimal"
                  min={SCAN_PROFILE_CUSTOM_MM.min}
                  max={SCAN_PROFILE_CUSTOM_MM.max}
                  problem={problem(index, 'widthMm')}
                  name={`profile-${index}-width`}
                />
                <TextField
                  label={t('settings.scanners.heightMm')}
                  value={d.heightMm}
                  onChange={(heightMm) => update(index, { heightMm })}
                  type="number"
                  inputMode="decimal"
                  min={SCAN_PROFILE_CUSTOM_MM.min}
                  max={SCAN_PROFILE_CUSTOM_MM.max}
                  problem={problem(index, 'heightMm')}
                  name={`profile-${index}-height`}
                />
              </div>
            ) : null}
            <div className={problem(index, 'duplex') ? 'field field--invalid checkbox-field' : 'field checkbox-field'}>
              <label>
                <input
                  type="checkbox"
                  name={`profile-${index}-duplex`}
                  checked={d.duplex}
                  onChange={(e) => update(index, { duplex: e.target.checked })}
                />{' '}
                {t('settings.scanners.duplex')}
              </label>
              {problem(index, 'duplex') ? <p className="field-problem">{problem(index, 'duplex')}</p> : null}
            </div>
            <div className="field checkbox-field">
              <label>
                <input
                  type="checkbox"
                  name={`profile-${index}-default`}
                  checked={d.default === true}
                  // One default: ticking this one unticks the others.
                  onChange={(e) =>
                    onChange(textOf(drafts.map((other, i) => ({ ...other, default: i === index && e.target.checked ? true : undefined }))))
                  }
                />{' '}
                {t('settings.scanners.default')}
              </label>
              {problem(index, 'default') ? <p className="field-problem">{problem(index, 'default')}</p> : null}
            </div>
            <div className="actions">
              <button type="button" onClick={() => void testScan(index)} disabled={!profileValid || scanning !== null}>
                {scanning === index ? t('settings.scanners.testScanning') : t('settings.scanners.testScan')}
              </button>
              <button type="button" onClick={() => onChange(textOf(drafts.filter((_, i) => i !== index)))}>
                {t('settings.scanners.remove')}
              </button>
            </div>
            {action.error && scanning === null && preview === null ? (
              <Notice tone="error">{errorMessage(t, errorCode(action.error))}</Notice>
            ) : null}
            {preview?.index === index ? (
              <figure className="scan-preview">
                <img
                  src={`data:image/jpeg;base64,${preview.result.previewBase64}`}
                  alt={t('settings.scanners.preview', {
                    name: d.name,
                    width: preview.result.widthPx,
                    height: preview.result.heightPx,
                    dpi: preview.result.dpi,
                  })}
                />
                <figcaption>
                  {t('settings.scanners.preview', {
                    name: d.name,
                    width: preview.result.widthPx,
                    height: preview.result.heightPx,
                    dpi: preview.result.dpi,
                  })}
                </figcaption>
              </figure>
            ) : null}
          </section>
        );
      })}
      <button type="button" onClick={() => onChange(textOf([...drafts, NEW_PROFILE]))}>
        {t('settings.scanners.add')}
      </button>
    </fieldset>
  );
}
