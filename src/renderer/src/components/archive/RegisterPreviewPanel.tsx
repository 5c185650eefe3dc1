import type { BatchSetupPreview, RegisterFieldName } from '../../../../shared/batch-start-contract';
import { useT } from '../../i18n/i18n-context';
import type { Translate } from '../../i18n/translate';
import { vi, type MessageKey } from '../../i18n/vi';

/** A register problem's code in words; a code with no words of its own is shown as it is. */
function problemText(t: Translate, code: string): string {
  const key = `batchNew.${code}`;
  return Object.hasOwn(vi, key) ? t(key as MessageKey) : code;
}

const show = (v: string | number | null) => (v === null || v === '' ? '—' : String(v));

/** What a new batch would take in: the folder as it will be split, the register's column map and first rows. */
export function RegisterPreviewPanel({
  preview,
  fields,
  onChoose,
}: {
  preview: BatchSetupPreview;
  fields: readonly RegisterFieldName[];
  onChoose(field: RegisterFieldName, column: string): void;
}) {
  const t = useT();
  const { folder, register } = preview;
  // A field with no column shows in the map itself.
  const rowProblems = register?.problems.filter((p) => p.code !== 'register.missing-column') ?? [];
  return (
    <section className="batch-preview" aria-label={t('batchNew.preview')}>
      {folder.dossiers === null ? (
        <p>{t('batchNew.folderStream', { count: folder.files })}</p>
      ) : (
        <>
          <p className="batch-preview-folder">
            <strong>{t('batchNew.folderDossiers', { count: folder.dossiers })}</strong>
            {folder.firstDossiers.length > 0 && <> · {t('batchNew.folderFirst', { names: folder.firstDossiers.join(', ') })}</>}
          </p>
          {folder.files > 0 && <p className="hint">{t('batchNew.folderLoose', { count: folder.files })}</p>}
        </>
      )}
      {register === null ? (
        <p className="hint">{t('batchNew.noRegister')}</p>
      ) : (
        <>
          <p>
            {t('batchNew.registerSummary', {
              rows: register.rowCount,
              encoding: register.encoding,
              header: register.headerLines.join('–'),
            })}
            {register.delimiter && (
              <> · {t('batchNew.delimiter', { delimiter: register.delimiter === '\t' ? t('batchNew.tab') : `“${register.delimiter}”` })}</>
            )}
          </p>
          <p className="unmapped">
            {register.unmapped.length ? t('batchNew.unmapped', { names: register.unmapped.join(', ') }) : t('batchNew.allMapped')}
          </p>
          <div className="table-scroll">
            <table className="dossier-table first-rows">
              <caption>{t('batchNew.columns')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('batchNew.colField')}</th>
                  {fields.map((f) => (
                    <th key={f} scope="col">
                      {t(`batchNew.field.${f}`)}
                    </th>
                  ))}
                </tr>
                <tr className="column-map">
                  <th scope="row">{t('batchNew.colColumn')}</th>
                  {fields.map((f) => (
                    <td key={f} data-field={f}>
                      <select
                        aria-label={`${t('batchNew.colColumn')} — ${t(`batchNew.field.${f}`)}`}
                        value={register.columns[f] ?? ''}
                        onChange={(e) => e.target.value && onChoose(f, e.target.value)}
                      >
                        {register.columns[f] === undefined && <option value="">{t('batchNew.unmappedField')}</option>}
                        {register.header
                          .filter((h) => h !== '')
                          .map((h) => (
                            <option key={h} value={h}>
                              {h}
                            </option>
                          ))}
                      </select>
                    </td>
                  ))}
                </tr>
              </thead>
              <tbody>
                {register.rows.map((r) => (
                  <tr key={r.line}>
                    <td>{t('batchNew.lineN', { line: r.line })}</td>
                    <td>{show(r.box)}</td>
                    <td>{show(r.archiveNumber)}</td>
                    <td>{show(r.title)}</td>
                    <td>{show(r.year)}</td>
                    <td>{show(r.field)}</td>
                    <td>{show(r.expectedPages)}</td>
                    <td>{show(r.retention)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="hint">{t('batchNew.firstRows', { count: register.rows.length })}</p>
          {rowProblems.length > 0 && (
            <div className="notice notice--info">
              {t('batchNew.problems', { count: rowProblems.length })}
              <ul>
                {rowProblems.slice(0, 5).map((p, i) => (
                  <li key={i}>{t('batchNew.problem', { line: p.line, reason: problemText(t, p.code) })}</li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}
