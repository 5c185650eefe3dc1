import { useEffect, useRef, useState } from 'react';
import type { RecordSummary } from '../../../../shared/types';
import { useEngine } from '../../engine/engine-context';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useEngineQuery } from '../../hooks/use-engine-query';
import { useT } from '../../i18n/i18n-context';
import { ErrorNotice } from './ErrorNotice';
import { RecordBadge } from './RecordBadge';
import '../../styles/record-viewer.css';

/**
 * The signed record of a document, in the app's own window: each page as the signed PDF holds it,
 * its signature checked, and the PDF file to save (or open in the system's viewer from there).
 */
export function RecordViewerDialog({ record, title, onClose }: { record: RecordSummary; title: string; onClose(): void }) {
  const t = useT();
  const api = useEngine();
  const dialog = useRef<HTMLDialogElement>(null);
  const [index, setIndex] = useState(0);
  const page = useEngineQuery(() => api['record.page']({ recordId: record.id, index }), [api, record.id, index]);
  const file = useEngineAction();
  const [fileUrl, setFileUrl] = useState<{ url: string; name: string } | null>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  useEffect(() => () => {
    if (fileUrl) URL.revokeObjectURL(fileUrl.url);
  }, [fileUrl]);
  const count = page.data?.pageCount ?? null;
  const getFile = async () => {
    const f = await file.run(() => api['record.file']({ recordId: record.id }));
    if (!f) return;
    const bytes = Uint8Array.from(atob(f.pdfBase64), (c) => c.charCodeAt(0));
    setFileUrl({ url: URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })), name: f.fileName });
  };
  return (
    <dialog ref={dialog} className="record-viewer" aria-labelledby="record-viewer-title" onCancel={onClose}>
      <header className="record-viewer-head">
        <h2 id="record-viewer-title">{t('recordView.title', { title, version: record.version })}</h2>
        <RecordBadge record={record} />
      </header>
      <div className="record-viewer-bar button-row">
        <button type="button" className="small" onClick={() => setIndex((i) => i - 1)} disabled={index === 0}>
          ← {t('recordView.prev')}
        </button>
        <span role="status">{count === null ? t('recordView.loading') : t('recordView.pageOf', { n: index + 1, count })}</span>
        <button type="button" className="small" onClick={() => setIndex((i) => i + 1)} disabled={count === null || index + 1 >= count}>
          {t('recordView.next')} →
        </button>
        <span className="spacer" />
        {fileUrl ? (
          <a className="button-link" href={fileUrl.url} download={fileUrl.name} target="_blank" rel="noreferrer">
            {t('recordView.download')}
          </a>
        ) : (
          <button type="button" className="small" onClick={() => void getFile()} disabled={file.busy}>
            {t('recordView.getFile')}
          </button>
        )}
        <button type="button" className="small" onClick={onClose}>
          {t('recordView.close')}
        </button>
      </div>
      <ErrorNotice error={page.error ?? file.error} />
      <div className="record-viewer-page">{page.data && <img src={page.data.dataUrl} alt={t('recordView.pageImage', { n: index + 1 })} />}</div>
    </dialog>
  );
}
