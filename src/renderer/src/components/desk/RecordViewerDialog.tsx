import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import type { RecordSummary } from '../../../../shared/types';
import { useEngine } from '../../engine/engine-context';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useT } from '../../i18n/i18n-context';
import { base64Bytes } from '../../pdf/base64-bytes';
import { ErrorNotice } from './ErrorNotice';
import { RecordBadge } from './RecordBadge';
import '../../styles/record-viewer.css';

/** pdf.js is loaded when a record is first viewed, not with the app. */
const signedPdf = () => import('../../pdf/signed-pdf');

/**
 * The signed record of a document, in the app's own window: each page of the signed PDF rendered as a
 * PDF viewer does (an MRC page is layers: a background without the ink, masks and foreground over it),
 * its signature checked, and the PDF file to save (or open in the system's viewer from there).
 */
export function RecordViewerDialog({ record, title, onClose }: { record: RecordSummary; title: string; onClose(): void }) {
  const t = useT();
  const api = useEngine();
  const dialog = useRef<HTMLDialogElement>(null);
  const [index, setIndex] = useState(0);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [viewError, setViewError] = useState<unknown>(null);
  const [drawn, setDrawn] = useState<number | null>(null);
  const file = useEngineAction();
  const [fileUrl, setFileUrl] = useState<{ url: string; name: string } | null>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  useEffect(
    () => () => {
      if (fileUrl) URL.revokeObjectURL(fileUrl.url);
    },
    [fileUrl],
  );
  useEffect(() => {
    let current = true;
    let opened: PDFDocumentProxy | null = null;
    Promise.all([api['record.file']({ recordId: record.id, purpose: 'view' }), signedPdf()])
      .then(([f, { openPdf }]) => openPdf(base64Bytes(f.pdfBase64)))
      .then((doc) => {
        opened = doc;
        if (current) setPdf(doc);
        else void doc.destroy();
      })
      .catch((e: unknown) => current && setViewError(e));
    return () => {
      current = false;
      void opened?.destroy();
    };
  }, [api, record.id]);
  useEffect(() => {
    const target = canvas.current;
    if (!pdf || !target) return;
    let task: RenderTask | null = null;
    let current = true;
    setDrawn(null);
    signedPdf()
      .then(({ renderPdfPage }) => renderPdfPage(pdf, index + 1, target, (t) => (task = t)))
      .then(() => current && setDrawn(index))
      .catch((e: unknown) => current && setViewError(e));
    return () => {
      current = false;
      (task as RenderTask | null)?.cancel();
    };
  }, [pdf, index]);
  const count = pdf?.numPages ?? null;
  const getFile = async () => {
    const f = await file.run(() => api['record.file']({ recordId: record.id }));
    if (!f) return;
    setFileUrl({ url: URL.createObjectURL(new Blob([base64Bytes(f.pdfBase64)], { type: 'application/pdf' })), name: f.fileName });
  };
  return (
    <dialog ref={dialog} className="record-viewer" aria-labelledby="record-viewer-title" onCancel={onClose}>
      <header className="record-viewer-head">
        <h2 id="record-viewer-title">
          {(record.signedVersion ?? 1) > 1
            ? t('recordView.titleNth', { title, n: record.signedVersion! })
            : t('recordView.title', { title })}
        </h2>
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
      <ErrorNotice error={viewError ?? file.error} />
      <div className="record-viewer-page" aria-busy={drawn !== index}>
        <canvas ref={canvas} role="img" aria-label={t('recordView.pageImage', { n: index + 1 })} hidden={!pdf} />
      </div>
    </dialog>
  );
}
