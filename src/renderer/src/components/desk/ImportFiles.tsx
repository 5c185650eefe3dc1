import type { PageToReplace } from './page-to-replace';
import { useId, useState } from 'react';
import type { AddPagesResult } from '../../../../shared/types';
import { useEngine } from '../../engine/engine-context';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useT } from '../../i18n/i18n-context';
import { Notice } from '../Notice';
import { ErrorNotice } from './ErrorNotice';

/** Imports image files by path into the selected document (the Electron shell will add a file dialog). */
export function ImportFiles({ documentId, replacing, onReplaced }: { documentId: number | null; replacing: PageToReplace | null; onReplaced(): void }) {
  const t = useT();
  const api = useEngine();
  const id = useId();
  const [paths, setPaths] = useState('');
  const [result, setResult] = useState<AddPagesResult | null>(null);
  const action = useEngineAction();
  const list = paths.split('\n').map((p) => p.trim()).filter(Boolean);
  const submit = async () => {
    if (documentId === null || list.length === 0) return;
    if (replacing) {
      if (await action.run(() => api['page.replace']({ pageId: replacing.pageId, path: list[0]! }))) {
        setPaths('');
        onReplaced();
      }
      return;
    }
    const r = await action.run(() => api['document.importFiles']({ documentId, paths: list }));
    if (r) {
      setResult(r);
      if (r.errors.length === 0) setPaths('');
    }
  };
  return (
    <section className="capture-panel" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('import.title')}</h3>
      <label htmlFor={id}>{t('import.paths')}</label>
      <textarea id={id} rows={3} value={paths} onChange={(e) => setPaths(e.target.value)} />
      <button type="button" onClick={() => void submit()} disabled={documentId === null || list.length === 0 || action.busy}>
        {t('import.submit')}
      </button>
      {result && <Notice tone="success">{t('import.done', { added: result.added.length })}</Notice>}
      {result && result.errors.length > 0 && <Notice tone="error">{t('import.errors', { count: result.errors.length, files: result.errors.map((e) => e.source).join(', ') })}</Notice>}
      <ErrorNotice error={action.error} />
    </section>
  );
}
