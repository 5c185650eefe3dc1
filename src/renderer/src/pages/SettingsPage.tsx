import { SETTING_SECTIONS, type SettingSection } from '../../../shared/settings-schema';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Notice } from '../components/Notice';
import { SettingsForm } from '../components/settings/SettingsForm';
import { BackupPanel } from '../components/settings/BackupPanel';
import { InspectCertificateForm } from '../components/settings/InspectCertificateForm';
import { SignerCertificatePanel } from '../components/settings/SignerCertificatePanel';
import { TrustAnchorsPanel } from '../components/settings/TrustAnchorsPanel';
import { mayCall } from '../../../shared/permissions';
import { useSignedIn } from '../auth/auth-context';
import { EnrollPanel } from '../components/settings/EnrollPanel';
import { errorCode } from '../engine/engine-errors';
import { useSettings } from '../hooks/use-settings';
import { errorMessage } from '../i18n/error-messages';
import { useT } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/vi';

const SECTION_TITLES: Record<SettingSection, MessageKey> = {
  agency: 'settings.section.agency',
  scanners: 'settings.section.scanners',
  ocr: 'settings.section.ocr',
  signing: 'settings.section.signing',
  sync: 'settings.section.sync',
  security: 'settings.section.security',
  desk: 'settings.section.desk',
  storage: 'settings.section.storage',
};

/** Every setting the user may see, by section; administrators change them, others read what applies to them. */
export function SettingsPage() {
  const t = useT();
  const { views, error, merge } = useSettings();
  const { user } = useSignedIn();
  return (
    <>
      <h1>{t('settings.title')}</h1>
      <section className="card">
        <LanguageSwitch />
      </section>
      {error ? <Notice tone="error">{errorMessage(t, errorCode(error))}</Notice> : null}
      {views === null && !error ? <p className="field-hint">{t('settings.loading')}</p> : null}
      {views &&
        SETTING_SECTIONS.map((section) => {
          // The trust anchors are certificates, managed by their own panel below, not typed as paths.
          const inSection = views.filter((v) => v.section === section && v.key !== 'signing.trust-anchors');
          if (inSection.length === 0) return null;
          return (
            <section key={section} className="card settings-section" aria-labelledby={`settings-${section}`}>
              <h2 id={`settings-${section}`}>{t(SECTION_TITLES[section])}</h2>
              <SettingsForm views={inSection} submitLabel={t('settings.save')} onSaved={merge} />
              {section === 'signing' && mayCall(user.role, 'signer.status') ? <SignerCertificatePanel /> : null}
              {section === 'signing' && mayCall(user.role, 'signer.inspect') ? <InspectCertificateForm /> : null}
              {section === 'signing' && mayCall(user.role, 'trust.list') ? <TrustAnchorsPanel /> : null}
              {section === 'sync' && inSection.find((v) => v.key === 'sync.hub-url')?.editable ? (
                <EnrollPanel hubUrl={String(inSection.find((v) => v.key === 'sync.hub-url')?.value ?? '')} />
              ) : null}
              {section === 'storage' ? (
                <BackupPanel destinationVersion={inSection.find((v) => v.key === 'backup.destination')?.value} />
              ) : null}
            </section>
          );
        })}
    </>
  );
}
