import { memo, useEffect, useRef, useState } from 'react';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { PageSummary } from '../../../../shared/types';
import { pageImageVersion, usePageImage } from '../../hooks/page-images';
import { errorMessage } from '../../i18n/error-messages';
import { useT } from '../../i18n/i18n-context';
import { PAGE_FLAG_LABELS } from '../../i18n/page-flag-labels';
import type { DocumentCardActions } from './document-card-actions';

/** A page worth scanning again: the clean-up flagged it, found it blank, or could not process it. */
const needsRescan = (page: PageSummary, flags: string[]) => flags.length > 0 || page.blank || page.state === 'failed';

/**
 * One page: its thumbnail, where it stands in the pipeline, its warnings, and what the clerk can do
 * with it. It is dragged by its handle (mouse, or keyboard: Space, arrows, Space) to reorder it.
 */
export const PageThumb = memo(
  PageThumbView,
  (a, b) =>
    a.n === b.n &&
    a.count === b.count &&
    a.selected === b.selected &&
    a.actions === b.actions &&
    a.readOnly === b.readOnly &&
    samePage(a.page, b.page),
);

/** The engine sends every page afresh after each change: a page whose fields are all the same is the same page. */
const samePage = (a: PageSummary, b: PageSummary) => a === b || JSON.stringify(a) === JSON.stringify(b);

interface PageThumbProps {
  page: PageSummary;
  /** Its number in its document, and how many pages the document has. */
  n: number;
  count: number;
  selected: boolean;
  /** Only viewed: its dossier is finalized. */
  readOnly: boolean;
  /** The same object from one render to the next, so a thumbnail whose page did not change is not drawn again. */
  actions: DocumentCardActions;
}

function PageThumbView({ page, n, count, selected, readOnly, actions }: PageThumbProps) {
  const t = useT();
  // What the clerk can do with a page of a dossier still open; a finalized dossier's pages are only viewed.
  const edits = readOnly
    ? null
    : {
        onRotate: () => actions.onRotatePage(page.id, (page.rotation + 90) % 360),
        onDelete: () => actions.onDeletePage(page.id),
        onRescan: () => actions.onRescanPage(page.id, n),
        onMoveUp: n > 1 ? () => actions.onMovePage(page.id, n - 1) : undefined,
        onMoveDown: n < count ? () => actions.onMovePage(page.id, n + 1) : undefined,
        onSplit: count > 1 ? () => actions.onSplitPage(page.id) : undefined,
      };
  const onView = () => actions.onViewPage(page.id);
  // ✕ asks first: a page deleted by a slip of the mouse would otherwise be gone with its scan.
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const question = useRef<HTMLDivElement>(null);
  const keepButton = useRef<HTMLButtonElement>(null);
  // The question shows under the page, often below the window's edge at 1366×768: bring it into view, "Giữ lại" focused.
  useEffect(() => {
    if (!confirmingDelete) return;
    question.current?.scrollIntoView({ block: 'nearest' });
    keepButton.current?.focus({ preventScroll: true });
  }, [confirmingDelete]);
  // Before clean-up there is no thumbnail yet, only the whole captured image: not worth sending for a 200 px square.
  const image = usePageImage(page.id, 'thumbnail', pageImageVersion(page), page.state !== 'captured');
  const flags = page.flags.filter((f) => f !== 'unreadable');
  const sortable = useSortable({ id: page.id, disabled: edits === null, attributes: { roleDescription: t('page.dragRole') } });
  const style = { transform: CSS.Translate.toString(sortable.transform), transition: sortable.transition };
  return (
    <li
      ref={sortable.setNodeRef}
      style={style}
      className={`page-thumb page-thumb--${page.state}${selected ? ' page-thumb--selected' : ''}${sortable.isDragging ? ' page-thumb--dragging' : ''}`}
      data-page-id={page.id}
    >
      <button
        type="button"
        className="thumb-image"
        onClick={onView}
        aria-label={t('page.view', { n })}
        title={t('page.view', { n })}
        aria-pressed={selected}
      >
        {image.data ? <img src={image.data} alt="" /> : <span className="thumb-placeholder" />}
      </button>
      <div className="thumb-meta">
        <span className="thumb-label">{t('page.label', { n })}</span>
        <span className={`page-state page-state--${page.state}`}>{t(`page.state.${page.state}` as const)}</span>
        {page.ocrConfidence != null && page.state === 'read' && !page.blank && (
          <span className="thumb-confidence">{t('page.confidence', { value: Math.round(page.ocrConfidence) })}</span>
        )}
        {page.blank && <span className="flag">{t('page.flag.blank')}</span>}
        {flags.map((f) => (
          <span key={f} className="flag">
            {Object.hasOwn(PAGE_FLAG_LABELS, f) ? t(PAGE_FLAG_LABELS[f]!) : t('page.flag.other', { flag: f })}
          </span>
        ))}
      </div>
      {page.state === 'failed' && (
        <p className="page-error" role="alert">
          {t('page.failedHint', { reason: errorMessage(t, page.error?.code ?? 'engine.internal') })}
        </p>
      )}
      {edits && (
        <div className="thumb-actions">
          <button
            type="button"
            className="small drag-handle"
            ref={sortable.setActivatorNodeRef}
            {...sortable.attributes}
            {...sortable.listeners}
            aria-label={t('page.drag', { n })}
            title={t('page.drag', { n })}
          >
            ⠿
          </button>
          <button
            type="button"
            className="small"
            onClick={edits.onRotate}
            aria-label={t('page.rotate', { n })}
            title={t('page.rotate', { n })}
            disabled={page.state === 'captured' || page.state === 'failed'}
          >
            ⟳
          </button>
          {edits.onMoveUp && (
            <button
              type="button"
              className="small"
              onClick={edits.onMoveUp}
              aria-label={t('page.moveUp', { n })}
              title={t('page.moveUp', { n })}
            >
              ↑
            </button>
          )}
          {edits.onMoveDown && (
            <button
              type="button"
              className="small"
              onClick={edits.onMoveDown}
              aria-label={t('page.moveDown', { n })}
              title={t('page.moveDown', { n })}
            >
              ↓
            </button>
          )}
          {edits.onSplit && (
            <button
              type="button"
              className="small"
              onClick={edits.onSplit}
              aria-label={t('page.split', { n })}
              title={t('page.split', { n })}
            >
              ✂
            </button>
          )}
          {needsRescan(page, flags) && (
            <button
              type="button"
              className="small"
              onClick={edits.onRescan}
              aria-label={t('page.rescan', { n })}
              title={`${t('page.rescan', { n })}: ${t('page.rescanHint')}`}
            >
              ↺
            </button>
          )}
          <button
            type="button"
            className="small danger"
            onClick={() => setConfirmingDelete(true)}
            aria-label={t('page.delete', { n })}
            title={t('page.delete', { n })}
            aria-expanded={confirmingDelete}
          >
            ✕
          </button>
        </div>
      )}
      {edits && confirmingDelete && (
        <div ref={question} role="alertdialog" aria-label={t('page.deleteConfirm', { n })} className="page-delete-confirm">
          <p>{t('page.deleteConfirm', { n })}</p>
          <button
            type="button"
            className="small danger"
            onClick={() => {
              setConfirmingDelete(false);
              edits.onDelete();
            }}
          >
            {t('page.deleteYes')}
          </button>{' '}
          <button type="button" className="small" ref={keepButton} onClick={() => setConfirmingDelete(false)}>
            {t('page.deleteNo')}
          </button>
        </div>
      )}
    </li>
  );
}
