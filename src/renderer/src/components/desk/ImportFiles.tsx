import type { PageToReplace } from './page-to-replace';
import { useId, useRef, useState } from 'react';
import { pathsFromText } from '../../../../shared/file-paths';
import { useEngine } from '../../engine/engine-context';
import { fileBase64 } from '../../engine/file-base64';
import { useEngineAction } from '../../hooks/use-engine-action';
import type { PageImport } from '../../hooks/use-page-import';
import { useT } from '../../i18n/i18n-context';
import { ErrorNotice } from './ErrorNotice';
import { ImportReportNotice } from './ImportReportNotice';

const ACCEPTED = 'image/jpeg,image/png,image/tiff,application/pdf,.jpg,.jpeg,.png,.tif,.tiff,.pdf';

/**
 * Pages from files into the selected document: picked with the system's file dialog, or given as paths
 * on the engine's machine (quoted paths from "Copy as path" are accepted). Files can also be dropped on a document.
 */
export function ImportFiles({
  documentId,
  imports,
  replacing,
  onReplaced,
}: {
  documentId: number | null;
  imports: PageImport;
  replacing: PageToReplace | null;
  onReplaced(): void;
}) {
  const t = useT();
  const api = useEngine();
  const id = useId();
  const picker = useRef<HTMLInputElement>(null);
  const [paths, setPaths] = useState('');
  const replace = useEngineAction();
  const list = pathsFromText(paths);
  const busy = imports.busy || replace.busy;

  const submitPaths = async () => {
    if (documentId === null || list.length === 0) return;
    if (replacing) {
      if (await replace.run(() => api['page.replace']({ pageId: replacing.pageId, path: list[0]! }))) {
        setPaths('');
        onReplaced();
      }
      return;
    }
    if (await imports.importPaths(documentId, list)) setPaths('');
  };
  const submitFiles = async (files: File[]) => {
    if (picker.current) picker.current.value = '';
    if (documentId === null || files.length === 0) return;
    if (replacing) {
      const imageBase64 = await fileBase64(files[0]!);
      if (await replace.run(() => api['page.replace']({ pageId: replacing.pageId, imageBase64, source: files[0]!.name }))) onReplaced();
      return;
    }
    await imports.importFiles(documentId, files);
  };

  return (
    <section className="capture-panel" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('import.title')}</h3>
      <input
        ref={picker}
        id={`${id}-files`}
        className="visually-hidden"
        type="file"
        multiple
        accept={ACCEPTED}
        onChange={(e) => void submitFiles([...(e.target.files ?? [])])}
      />
      <div className="button-row">
        <button type="button" onClick={() => picker.current?.click()} disabled={documentId === null || busy}>
          {t('import.pick')}
        </button>
      </div>
      <p className="hint">{t('import.dropHint')}</p>
      <label htmlFor={id}>{t('import.paths')}</label>
      <textarea id={id} rows={2} value={paths} onChange={(e) => setPaths(e.target.value)} />
      <button type="button" onClick={() => void submitPaths()} disabled={documentId === null || list.length === 0 || busy}>
        {t('import.submit')}
      </button>
      {busy && <p className="hint">{t('import.busy')}</p>}
      {imports.report && <ImportReportNotice report={imports.report} />}
      <ErrorNotice error={imports.error ?? replace.error} />
    </section>
  );
}
