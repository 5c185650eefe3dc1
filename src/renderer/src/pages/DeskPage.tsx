import { useRef, useState } from 'react';
import type { DeskView } from '../../../shared/types';
import { CameraCapture } from '../components/desk/CameraCapture';
import { Checklist } from '../components/desk/Checklist';
import { DocumentCard } from '../components/desk/DocumentCard';
import { ErrorNotice } from '../components/desk/ErrorNotice';
import { FieldsPanel } from '../components/desk/FieldsPanel';
import { FinalizePanel } from '../components/desk/FinalizePanel';
import { ImportFiles } from '../components/desk/ImportFiles';
import { PageViewer, type Highlight } from '../components/desk/PageViewer';
import type { PageToReplace } from '../components/desk/page-to-replace';
import { Notice } from '../components/Notice';
import { errorCode } from '../engine/engine-errors';
import { ReopenDossier } from '../components/desk/ReopenDossier';
import { ReceiptButton } from '../components/desk/ReceiptButton';
import { ResultPanel } from '../components/desk/ResultPanel';
import { ReuseOffers } from '../components/desk/ReuseOffers';
import { ScanPanel } from '../components/desk/ScanPanel';
import { useEngine } from '../engine/engine-context';
import { useDesk } from '../hooks/use-desk';
import { PageImagesProvider } from '../hooks/page-images';
import { useDeskShortcuts } from '../hooks/use-desk-shortcuts';
import { useRecordSyncStates } from '../hooks/use-sync-status';
import { useEngineAction } from '../hooks/use-engine-action';
import { useDocumentFileDrop } from '../hooks/use-document-file-drop';
import { usePageImport } from '../hooks/use-page-import';
import { useT } from '../i18n/i18n-context';
import { statusLabel } from '../i18n/status-labels';

/** The clerk's desk for one dossier: checklist, documents and their pages, capture, viewer, fields, signing. */
export function DeskPage({
  dossierId,
  initialPageId = null,
  onClose,
}: {
  dossierId: number;
  initialPageId?: number | null;
  onClose(): void;
}) {
  const t = useT();
  const desk = useDesk(dossierId);
  return (
    <>
      <button type="button" className="link-button back" onClick={onClose}>
        ← {t('desk.back')}
      </button>
      <PageImagesProvider>
        {desk.data ? (
          <Desk view={desk.data} reload={desk.reload} initialPageId={initialPageId} />
        ) : (
          <p className="empty">{t('desk.loading')}</p>
        )}
      </PageImagesProvider>
      <ErrorNotice error={desk.error} />
    </>
  );
}

function Desk({ view, reload, initialPageId }: { view: DeskView; reload(): void; initialPageId: number | null }) {
  const t = useT();
  const api = useEngine();
  const { dossier, documents } = view;
  const [chosenDoc, setChosenDoc] = useState<number | null>(null);
  const [viewedPageId, setViewedPageId] = useState<number | null>(initialPageId);
  const [highlight, setHighlight] = useState<Highlight | null>(null);
  const [scanRequest, setScanRequest] = useState(0);
  const [finalizeRequest, setFinalizeRequest] = useState(0);
  const [replacing, setReplacing] = useState<PageToReplace | null>(null);
  const action = useEngineAction();
  const imports = usePageImport();
  const documentColumn = useRef<HTMLDivElement>(null);
  // Signed and filed: shown read-only until the clerk reopens it.
  const returned = dossier.status === 'returned';
  const readOnly = dossier.status === 'finalized' || dossier.status === 'synced' || returned;
  // The result comes after the intake is signed: its document stays open until it is handed back.
  const openResult = (doc: { isResult: boolean } | null | undefined) => !!doc?.isResult && !returned;
  const results = documents.filter((d) => d.isResult);
  const syncStates = useRecordSyncStates(dossier.id);
  useDocumentFileDrop(documentColumn, !readOnly, (documentId, files) => void imports.importFiles(documentId, files));

  const selectedDoc =
    documents.find((d) => d.id === chosenDoc) ?? documents.find((d) => d.pages.some((p) => p.id === viewedPageId)) ?? documents[0] ?? null;
  const allPages = documents.flatMap((d) => d.pages.map((p, i) => ({ page: p, n: i + 1, documentId: d.id })));
  const viewed = allPages.find((p) => p.page.id === viewedPageId) ?? null;

  const viewPage = (pageId: number) => {
    setViewedPageId(pageId);
    setHighlight(null);
  };
  const step = (delta: number) => {
    if (allPages.length === 0) return;
    const at = allPages.findIndex((p) => p.page.id === viewedPageId);
    const next = allPages[Math.min(allPages.length - 1, Math.max(0, at + delta))]!;
    viewPage(next.page.id);
  };
  const addDocument = async (component?: string) => {
    const created = await action.run(() => api['document.create']({ dossierId: dossier.id, component }));
    if (created) setChosenDoc(created.id);
  };
  // From the scanner the dossier was last scanned with; a dossier captured from files or the camera gets its new image from those.
  const rescan = (pageId: number, n: number) =>
    action.run(async () => {
      setReplacing(null);
      try {
        return await api['page.rescan']({ pageId });
      } catch (e) {
        if (errorCode(e) !== 'page.rescan-no-scanner') throw e;
        setReplacing({ pageId, n });
        return null;
      }
    });
  const rotate = (pageId: number, rotation: number) =>
    void action.run(() => api['page.rotate']({ pageId, rotation: rotation as 0 | 90 | 180 | 270 }));

  useDeskShortcuts({
    scan: () => setScanRequest((n) => n + 1),
    finalize: () => setFinalizeRequest((n) => n + 1),
    nextPage: () => step(1),
    previousPage: () => step(-1),
    rotate: () => viewed && !readOnly && rotate(viewed.page.id, (viewed.page.rotation + 90) % 360),
  });

  return (
    <>
      <h1>{t('desk.title', { code: dossier.code })}</h1>
      <p className="desk-summary">
        {t('desk.applicant', { name: dossier.applicantName ?? '—', cccd: dossier.applicantCccd ?? '—' })} ·{' '}
        <span className={`status status--${dossier.status}`}>{statusLabel(t, dossier.status)}</span>{' '}
        <ReceiptButton dossierId={dossier.id} code={dossier.code} />
      </p>
      {view.reusesData && <p className="badge badge--reused">{t('desk.reusesData')}</p>}
      <p className="hint">
        <span className="visually-hidden">{t('shortcuts.title')}: </span>
        {t('shortcuts.list')}
      </p>
      <div className="desk-layout">
        <div className="desk-column" ref={documentColumn}>
          <ReuseOffers dossierId={dossier.id} />
          {readOnly && !returned && <ReopenDossier dossierId={dossier.id} />}
          {readOnly && dossier.kind === 'intake' && (
            <ResultPanel
              dossierId={dossier.id}
              applicantName={dossier.applicantName ?? ''}
              results={results}
              returned={returned}
              onCreated={(documentId) => setChosenDoc(documentId)}
            />
          )}
          <Checklist items={view.checklist} onAdd={readOnly ? null : (c) => void addDocument(c)} />
          <section className="card" aria-label={t('desk.documents')}>
            <h2>{t('desk.documents')}</h2>
            {documents.length === 0 && <p className="empty">{t('desk.noDocuments')}</p>}
            {!readOnly && (
              <button type="button" className="small" onClick={() => void addDocument()}>
                {t('desk.addDocument')}
              </button>
            )}
            <ErrorNotice error={action.error} />
          </section>
          {documents.map((doc, i) => (
            <DocumentCard
              key={doc.id}
              doc={doc}
              n={i + 1}
              selected={doc.id === selectedDoc?.id}
              viewedPageId={viewedPageId}
              readOnly={readOnly && !openResult(doc)}
              syncState={doc.record ? syncStates.data?.get(doc.record.id) : undefined}
              actions={{
                onSelect: () => setChosenDoc(doc.id),
                onRemove: () => void action.run(() => api['document.remove']({ documentId: doc.id })),
                onViewPage: viewPage,
                onRotatePage: rotate,
                onDeletePage: (pageId) => void action.run(() => api['page.delete']({ pageId })),
                onDeleteBlankPages: (pageIds) =>
                  void action.run(async () => {
                    for (const pageId of pageIds) await api['page.delete']({ pageId });
                  }),
                onRescanPage: (pageId, n) => void rescan(pageId, n),
                onMovePage: (pageId, position, expectedOrder) =>
                  void action.run(async () => {
                    try {
                      return await api['page.move']({ pageId, documentId: doc.id, position, expectedOrder });
                    } catch (e) {
                      // Moved against an order the store no longer has: show the stored one, and say why nothing moved.
                      if (errorCode(e) === 'page.order-stale') reload();
                      throw e;
                    }
                  }),
                onSplitPage: (pageId) =>
                  void action.run(async () => {
                    const created = await api['document.create']({ dossierId: dossier.id, component: doc.component ?? undefined });
                    await api['page.move']({ pageId, documentId: created.id, position: 1 });
                  }),
              }}
            />
          ))}
          {(!readOnly || openResult(selectedDoc)) && (
            <section className="card capture" aria-label={t('desk.capture')}>
              {replacing && (
                <Notice tone="info">
                  {t('desk.replacing', { n: replacing.n })}{' '}
                  <button type="button" className="small" onClick={() => setReplacing(null)}>
                    {t('desk.replacingCancel')}
                  </button>
                </Notice>
              )}
              <ImportFiles
                documentId={selectedDoc?.id ?? null}
                imports={imports}
                replacing={replacing}
                onReplaced={() => setReplacing(null)}
              />
              <ScanPanel documentId={selectedDoc?.id ?? null} scanRequest={scanRequest} />
              <CameraCapture documentId={selectedDoc?.id ?? null} replacing={replacing} onReplaced={() => setReplacing(null)} />
            </section>
          )}
        </div>
        <div className="desk-column desk-column--wide">
          <PageViewer page={viewed?.page ?? null} n={viewed?.n ?? 0} highlight={highlight} />
        </div>
        <div className="desk-column">
          <FieldsPanel
            documentId={selectedDoc?.id ?? null}
            dossierId={dossier.id}
            readOnly={readOnly && !openResult(selectedDoc)}
            onShow={(f) => {
              if (f.pageId === null || f.bbox === null) return;
              setViewedPageId(f.pageId);
              setHighlight({ pageId: f.pageId, bbox: f.bbox });
            }}
          />
          <FinalizePanel
            dossierId={dossier.id}
            finalized={readOnly}
            engineProgress={view.finalizing}
            finalizeRequest={finalizeRequest}
            missingComponents={view.checklist.filter((c) => !c.filled).map((c) => c.component)}
          />
        </div>
      </div>
    </>
  );
}
