import { useId, useRef, useState } from 'react';
import type { QcDossier } from '../../../../shared/archive-types';
import type { PageSummary } from '../../../../shared/types';
import { useEngine } from '../../engine/engine-context';
import { useDesk } from '../../hooks/use-desk';
import { useEngineAction } from '../../hooks/use-engine-action';
import { PageImagesProvider, pageImageVersion, usePageImage } from '../../hooks/page-images';
import { reasonLabel } from '../../i18n/archive-labels';
import { useT } from '../../i18n/i18n-context';
import { ErrorNotice } from '../desk/ErrorNotice';
import { PageViewer } from '../desk/PageViewer';
import { Notice } from '../Notice';
import { resultKindKey } from '../desk/result-kind-key';
import type { DocumentSummary } from '../../../../shared/types';
import { QcResultEvidence } from './QcResultEvidence';
import { ResultMark } from './ResultMark';
import { ResultSplit } from './ResultSplit';
import { pagesInRange } from './page-range';

/** Reads a chosen file as base64, for `page.replace`. */
function fileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** A dossier's pages at QC: thumbnails (flagged ones marked), one page large (the desk's viewer), and a new image file in a page's place. */
export function DossierPages({
  batchId,
  dossier,
  canReplace,
  canMarkResult,
  canTimestamp,
}: {
  batchId: number;
  dossier: QcDossier;
  canReplace: boolean;
  canMarkResult: boolean;
  canTimestamp: boolean;
}) {
  const t = useT();
  const api = useEngine();
  const id = useId();
  const desk = useDesk(dossier.dossierId);
  const documents = desk.data?.documents ?? [];
  const pages = documents.flatMap((d) => d.pages);
  const hasResult = documents.some((d) => d.isResult);
  const titleOf = (d: DocumentSummary, i: number) =>
    d.title ?? d.component ?? (d.isResult ? t(resultKindKey(d.resultKind)) : t('archive.documentN', { n: i + 1 }));
  const firstFlagged = dossier.flaggedPages[0]?.pageId ?? null;
  const [chosen, setChosen] = useState<number | null>(null);
  const viewedId = chosen ?? firstFlagged ?? pages[0]?.id ?? null;
  const viewedAt = pages.findIndex((p) => p.id === viewedId);
  const viewed = viewedAt >= 0 ? pages[viewedAt]! : null;
  const replace = useEngineAction();
  const picker = useRef<HTMLInputElement>(null);
  const [replaced, setReplaced] = useState(false);
  const [ticked, setTicked] = useState<number[]>([]);
  const canSplit = canMarkResult && !dossier.signed;
  const tick = (pageId: number, on: boolean) => setTicked((all) => (on ? [...all, pageId] : all.filter((x) => x !== pageId)));
  const resultPages = new Set(documents.filter((d) => d.isResult).flatMap((d) => d.pages.map((p) => p.id)));
  const [range, setRange] = useState('');
  const [rangeBad, setRangeBad] = useState(false);
  const tickRange = () => {
    const numbers = pagesInRange(range, pages.length);
    setRangeBad(numbers === null);
    if (numbers) setTicked(numbers.map((n) => pages[n - 1]!.id).filter((pageId) => !resultPages.has(pageId)));
  };
  const reasonsOf = (pageId: number) => dossier.flaggedPages.find((p) => p.pageId === pageId)?.reasons ?? [];

  const onFile = async (file: File | undefined, page: PageSummary) => {
    if (!file) return;
    setReplaced(false);
    const r = await replace.run(async () =>
      api['page.replace']({ pageId: page.id, imageBase64: await fileAsBase64(file), source: file.name }),
    );
    if (r) {
      setChosen(r.pageId);
      setReplaced(true);
    }
  };

  return (
    <PageImagesProvider>
      <section className="card dossier-pages" aria-labelledby={id}>
        <h2 id={id}>{t('archive.pagesOf', { code: dossier.code })}</h2>
        {canMarkResult && <p className="field-hint">{t('archive.resultHint')}</p>}
        {canSplit && (
          <form
            className="page-range"
            onSubmit={(e) => {
              e.preventDefault();
              tickRange();
            }}
          >
            <p className="field-hint">{t('archive.splitHint')}</p>
            <label htmlFor={`${id}-range`}>{t('archive.range')}</label>{' '}
            <input
              id={`${id}-range`}
              value={range}
              onChange={(e) => setRange(e.target.value)}
              placeholder="4-6"
              aria-invalid={rangeBad}
              aria-describedby={rangeBad ? `${id}-range-bad` : undefined}
            />{' '}
            <button type="submit" className="small">
              {t('archive.rangeTick')}
            </button>
            {rangeBad && (
              <span id={`${id}-range-bad`} className="field-problem">
                {t('archive.rangeBad', { n: pages.length })}
              </span>
            )}
          </form>
        )}
        {canSplit && ticked.length > 0 && (
          <ResultSplit
            batchId={batchId}
            documents={documents}
            chosen={ticked}
            onSplit={() => {
              setTicked([]);
              desk.reload();
            }}
          />
        )}
        {documents.map((d, i) => {
          const first = pages.findIndex((p) => p.id === d.pages[0]?.id);
          return (
            <section key={d.id} className="qc-document" aria-labelledby={`${id}-doc-${d.id}`} data-document-id={d.id}>
              <h3 id={`${id}-doc-${d.id}`}>{titleOf(d, i)}</h3>
              {/* The result block once: on the result document, or on each document while none is marked. */}
              {(d.isResult || !hasResult) && <ResultMark batchId={batchId} document={d} canMark={canMarkResult} onChanged={desk.reload} />}
              {d.isResult && <QcResultEvidence doc={d} canTimestamp={canTimestamp} onStamped={desk.reload} />}
              <ol className="thumbs">
                {d.pages.map((p, k) => (
                  <QcThumb
                    key={p.id}
                    page={p}
                    n={first + k + 1}
                    reasons={reasonsOf(p.id)}
                    selected={p.id === viewedId}
                    onView={() => setChosen(p.id)}
                    ticked={canSplit ? ticked.includes(p.id) : null}
                    onTick={(on) => tick(p.id, on)}
                    inResult={d.isResult}
                  />
                ))}
              </ol>
            </section>
          );
        })}
        {viewed && canReplace && !dossier.signed && (
          <div className="replace-page">
            {/* The browser's own file button speaks its own language ("Choose File"): a button of ours opens it. */}
            <input
              ref={picker}
              id={`${id}-file`}
              className="visually-hidden"
              tabIndex={-1}
              type="file"
              aria-label={t('archive.replace', { n: viewedAt + 1 })}
              accept="image/png,image/jpeg,image/tiff,application/pdf"
              disabled={replace.busy}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                void onFile(file, viewed);
              }}
            />
            <button type="button" className="small" onClick={() => picker.current?.click()} disabled={replace.busy}>
              {t('archive.replace', { n: viewedAt + 1 })}
            </button>
          </div>
        )}
        {replaced && <Notice tone="success">{t('archive.replaced')}</Notice>}
        <ErrorNotice error={replace.error ?? desk.error} />
        <PageViewer page={viewed} n={viewedAt + 1} highlight={null} />
      </section>
    </PageImagesProvider>
  );
}

function QcThumb({
  page,
  n,
  reasons,
  selected,
  onView,
  ticked,
  onTick,
  inResult,
}: {
  page: PageSummary;
  n: number;
  reasons: string[];
  selected: boolean;
  onView(): void;
  /** Whether the page is chosen to split off as the result; null when it cannot be. */
  ticked: boolean | null;
  onTick(on: boolean): void;
  /** The page is in the dossier's result document. */
  inResult: boolean;
}) {
  const t = useT();
  const image = usePageImage(page.id, 'thumbnail', pageImageVersion(page), page.state !== 'captured');
  return (
    <li className={`page-thumb page-thumb--${page.state}${selected ? ' page-thumb--selected' : ''}`} data-page-id={page.id}>
      <button type="button" className="thumb-image" onClick={onView} aria-label={t('page.view', { n })} aria-pressed={selected}>
        {image.data ? <img src={image.data} alt="" /> : <span className="thumb-placeholder" />}
      </button>
      <div className="thumb-meta">
        <span className="thumb-label">{t('page.label', { n })}</span>
        {inResult && <span className="badge">{t('archive.resultPage')}</span>}
        {ticked !== null && !inResult && (
          <label className="thumb-tick">
            <input type="checkbox" checked={ticked} onChange={(e) => onTick(e.target.checked)} aria-label={t('archive.tickPage', { n })} />{' '}
            {t('archive.tickShort')}
          </label>
        )}
        <span className={`page-state page-state--${page.state}`}>{t(`page.state.${page.state}` as const)}</span>
        {reasons.map((r) => (
          <span key={r} className="flag">
            {reasonLabel(t, r)}
          </span>
        ))}
      </div>
    </li>
  );
}
