import type { ImportReport } from '../../hooks/use-page-import';
import { errorMessage } from '../../i18n/error-messages';
import { useT } from '../../i18n/i18n-context';
import { Notice } from '../Notice';

/** The outcome of an import: green only when pages were added; every file that failed with its own reason, and in yellow every file taken in that needs a look. */
export function ImportReportNotice({ report }: { report: ImportReport }) {
  const t = useT();
  return (
    <>
      {report.added > 0 ? (
        <Notice tone="success">{t('import.done', { added: report.added })}</Notice>
      ) : (
        <Notice tone="error">{t('import.none')}</Notice>
      )}
      {report.duplicates > 0 && <Notice tone="info">{t('import.duplicates', { count: report.duplicates })}</Notice>}
      {report.warnings.length > 0 && (
        <Notice tone="warning">
          {t('import.warnings', { count: report.warnings.length })}
          <ul className="import-failures">
            {report.warnings.map((w, i) => (
              <li key={`${i}-${w.source}`}>
                <span className="import-failure-file">{w.source}</span>: {errorMessage(t, w.code)}
              </li>
            ))}
          </ul>
        </Notice>
      )}
      {report.failures.length > 0 && (
        <Notice tone="error">
          {t('import.errors', { count: report.failures.length })}
          <ul className="import-failures">
            {report.failures.map((f, i) => (
              <li key={`${i}-${f.source}`}>
                <span className="import-failure-file">{f.source}</span>: {errorMessage(t, f.code)}
              </li>
            ))}
          </ul>
        </Notice>
      )}
    </>
  );
}
