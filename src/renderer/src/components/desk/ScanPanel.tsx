import { useEffect, useId, useState } from 'react';
import { paperSizeOf, profilesDefaultFirst, ScanProfiles, scanSourceOf, type ScanProfile } from '../../../../shared/scan-profile';
import type { ScanResult } from '../../../../shared/types';
import { useEngine, useEngineEvent } from '../../engine/engine-context';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useEngineQuery } from '../../hooks/use-engine-query';
import { errorMessage } from '../../i18n/error-messages';
import { useT } from '../../i18n/i18n-context';
import { Notice } from '../Notice';
import { ErrorNotice } from './ErrorNotice';

const DPIS = [150, 200, 300, 600];
const MODES = ['color', 'gray', 'bw'] as const;
const SOURCES = ['flatbed', 'adf', 'duplex'] as const;
/** The profile choice that shows the device and settings to pick by hand. */
const MANUAL = '';

/** The saved profiles (`scanner.profiles`), the default first; none when the setting cannot be read. */
function savedProfiles(value: unknown): ScanProfile[] {
  const parsed = ScanProfiles.safeParse(value);
  return parsed.success ? profilesDefaultFirst(parsed.data) : [];
}

/** Scans from a scanner into the selected document; pages show up in the document as each one arrives. */
export function ScanPanel({ documentId, scanRequest }: { documentId: number | null; scanRequest: number }) {
  const t = useT();
  const api = useEngine();
  const id = useId();
  const scanners = useEngineQuery(() => api['scanner.list']({}), [api]);
  const profileSetting = useEngineQuery(() => api['settings.get']({ key: 'scanner.profiles' }), [api]);
  const profiles = savedProfiles(profileSetting.data?.value);
  // Null until the user picks: the default (first) profile, or by hand when there is none.
  const [profileName, setProfileName] = useState<string | null>(null);
  const profile = profiles.find((p) => p.name === (profileName ?? profiles[0]?.name)) ?? null;
  const [device, setDevice] = useState('');
  const [dpi, setDpi] = useState(300);
  const [colorMode, setColorMode] = useState<(typeof MODES)[number]>('gray');
  const [source, setSource] = useState<(typeof SOURCES)[number]>('flatbed');
  const [received, setReceived] = useState(0);
  const [result, setResult] = useState<ScanResult | null>(null);
  const action = useEngineAction();
  const devices = scanners.data?.devices ?? [];
  const chosen = devices.find((d) => `${d.driver}|${d.id}` === device) ?? devices[0];

  useEngineEvent('progress', (p) => {
    if (documentId !== null && p.task === `scan:${documentId}`) setReceived(p.done);
  });

  const canScan = documentId !== null && (profile !== null || chosen !== undefined);
  const scan = async () => {
    if (documentId === null || !canScan || action.busy) return;
    setReceived(0);
    setResult(null);
    const r = await action.run(() =>
      api['scanner.scan'](
        profile
          ? {
              documentId,
              driver: profile.driver,
              deviceId: profile.deviceId,
              dpi: profile.dpi,
              colorMode: profile.colorMode,
              source: scanSourceOf(profile),
              pageSize: paperSizeOf(profile),
            }
          : { documentId, driver: chosen!.driver, deviceId: chosen!.id, dpi, colorMode, source },
      ),
    );
    if (r) setResult(r);
  };

  useEffect(() => {
    if (scanRequest > 0) void scan();
    // Only a new request from the keyboard shortcut starts a scan.
  }, [scanRequest]);

  return (
    <section className="capture-panel" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('scan.title')}</h3>
      {scanners.data && devices.length === 0 && <p className="empty">{t('scan.noDevice')}</p>}
      {profiles.length > 0 && (
        <label className="scan-profile-choice">
          <span id={`${id}-profile`}>{t('scan.profile')}</span>
          <select aria-labelledby={`${id}-profile`} value={profile?.name ?? MANUAL} onChange={(e) => setProfileName(e.target.value)}>
            {profiles.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name}
              </option>
            ))}
            <option value={MANUAL}>{t('scan.profileManual')}</option>
          </select>
        </label>
      )}
      {profile ? (
        <p className="scan-profile-summary">
          {t('scan.profileSummary', {
            device: profile.deviceId,
            dpi: profile.dpi,
            mode: t(`scan.mode.${profile.colorMode}` as const),
            source: t(`scan.source.${scanSourceOf(profile)}` as const),
            paper: profile.paper === 'custom' ? `${profile.widthMm}×${profile.heightMm} mm` : profile.paper,
          })}
        </p>
      ) : (
        <div className="scan-options">
          <label>
            <span id={`${id}-device`}>{t('scan.device')}</span>
            <select
              aria-labelledby={`${id}-device`}
              value={chosen ? `${chosen.driver}|${chosen.id}` : ''}
              onChange={(e) => setDevice(e.target.value)}
            >
              {devices.map((d) => (
                <option key={`${d.driver}|${d.id}`} value={`${d.driver}|${d.id}`}>
                  {d.name} ({d.id})
                </option>
              ))}
            </select>
          </label>
          <label>
            <span id={`${id}-dpi`}>{t('scan.dpi')}</span>
            <select aria-labelledby={`${id}-dpi`} value={dpi} onChange={(e) => setDpi(Number(e.target.value))}>
              {DPIS.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span id={`${id}-mode`}>{t('scan.colorMode')}</span>
            <select
              aria-labelledby={`${id}-mode`}
              value={colorMode}
              onChange={(e) => setColorMode(e.target.value as (typeof MODES)[number])}
            >
              {MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`scan.mode.${m}` as const)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span id={`${id}-source`}>{t('scan.source')}</span>
            <select aria-labelledby={`${id}-source`} value={source} onChange={(e) => setSource(e.target.value as (typeof SOURCES)[number])}>
              {SOURCES.map((s) => (
                <option key={s} value={s}>
                  {t(`scan.source.${s}` as const)}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <div className="button-row">
        <button type="button" onClick={() => void scan()} disabled={!canScan || action.busy}>
          {t('scan.start')}
        </button>
        {action.busy && documentId !== null && (
          <button type="button" onClick={() => void api['scanner.cancel']({ documentId })}>
            {t('scan.cancel')}
          </button>
        )}
        <button type="button" className="small" onClick={scanners.reload}>
          {t('scan.refresh')}
        </button>
      </div>
      {action.busy && <p role="status">{t('scan.scanning', { count: received })}</p>}
      {result && !result.error && !result.cancelled && (
        <Notice tone="success">{t('scan.done', { count: result.added.length + result.duplicates.length })}</Notice>
      )}
      {result && result.duplicates.length > 0 && <Notice tone="info">{t('scan.duplicates', { count: result.duplicates.length })}</Notice>}
      {result?.cancelled && <Notice tone="info">{t('scan.cancelled', { count: result.added.length })}</Notice>}
      {result?.error && (
        <Notice tone="error">{t('scan.stopped', { message: errorMessage(t, result.error.code), count: result.added.length })}</Notice>
      )}
      <ErrorNotice error={action.error ?? scanners.error} />
    </section>
  );
}
