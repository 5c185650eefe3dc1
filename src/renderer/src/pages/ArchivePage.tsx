import { useT } from '../i18n/i18n-context';

/** Placeholder until archive batches arrive: says what this page will do. */
export function ArchivePage() {
  const t = useT();
  return (
    <>
      <h1>{t('archive.title')}</h1>
      <section className="card">
        <p>{t('archive.intro')}</p>
        <ul className="coming">
          <li>{t('archive.coming1')}</li>
          <li>{t('archive.coming2')}</li>
          <li>{t('archive.coming3')}</li>
        </ul>
        <p className="field-hint">
          <code>{t('archive.cli')}</code>
        </p>
      </section>
    </>
  );
}
