import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { arrayMove, rectSortingStrategy, SortableContext, sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useId, useState } from 'react';
import type { DeskDocument } from '../../../../shared/types';
import { useStableCallbacks } from '../../hooks/use-stable-callbacks';
import { useT } from '../../i18n/i18n-context';
import type { DocumentCardActions } from './document-card-actions';
import { PageThumb } from './PageThumb';
import type { RecordSyncState } from '../../../../shared/sync-status';
import { RecordBadge } from './RecordBadge';
import { RecordViewerDialog } from './RecordViewerDialog';
import { SyncBadge } from './SyncBadge';
import '../../styles/document-card.css';

/**
 * One component document: its pages as thumbnails in order, its record, signature and sync badges. Pages
 * are reordered by dragging (mouse or keyboard) or with the buttons; a finalized dossier's are only viewed.
 */
export function DocumentCard({
  doc,
  n,
  selected,
  viewedPageId,
  readOnly,
  syncState,
  actions,
}: {
  doc: DeskDocument;
  n: number;
  selected: boolean;
  viewedPageId: number | null;
  readOnly: boolean;
  /** The record's way to the hub, once it is queued. */
  syncState?: RecordSyncState;
  actions: DocumentCardActions;
}) {
  const t = useT();
  const titleId = useId();
  const title = doc.component ?? doc.title;
  // A reused document's pages belong to the dossier it was digitized in: shown, never changed here.
  const reused = doc.reusedFrom !== null;
  const ids = doc.pages.map((p) => p.id);
  // The order a drop asked for, shown only until the engine's next view of this document arrives,
  // whatever order that view has: the screen never keeps an order the store does not have.
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const [viewingRecord, setViewingRecord] = useState(false);
  const [confirmingBlanks, setConfirmingBlanks] = useState(false);
  const blankIds = doc.pages.filter((p) => p.blank).map((p) => p.id);
  const editable = !readOnly && !reused;
  const [dropped, setDropped] = useState<{ from: DeskDocument; order: number[] } | null>(null);
  const order = dropped && dropped.from === doc ? dropped.order : ids;
  const stableActions = useStableCallbacks({
    ...actions,
    onMovePage: (pageId: number, position: number) => actions.onMovePage(pageId, position, order),
  });
  const pages = order.map((id) => doc.pages.find((p) => p.id === id)!);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const numberOf = (id: UniqueIdentifier) => order.indexOf(Number(id)) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('page.dragStart', { n: numberOf(active.id) }),
    onDragOver: ({ active, over }) => (over ? t('page.dragOver', { n: numberOf(active.id), position: numberOf(over.id) }) : undefined),
    onDragEnd: ({ active, over }) => (over ? t('page.dragEnd', { n: numberOf(active.id), position: numberOf(over.id) }) : undefined),
    onDragCancel: ({ active }) => t('page.dragCancel', { n: numberOf(active.id) }),
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const to = order.indexOf(Number(over.id));
    setDropped({ from: doc, order: arrayMove(order, order.indexOf(Number(active.id)), to) });
    actions.onMovePage(Number(active.id), to + 1, order);
  };

  return (
    <section
      className={selected ? 'card document-card document-card--selected' : 'card document-card'}
      aria-labelledby={titleId}
      data-document-id={doc.id}
    >
      <div className="document-head">
        <h3 id={titleId}>{title ? t('desk.document', { n, name: title }) : t('desk.documentUntitled', { n })}</h3>
        <button type="button" className="small" aria-pressed={selected} onClick={actions.onSelect}>
          {selected ? t('desk.selected') : t('desk.select')}
        </button>
        {!readOnly && !confirmingRemove && (
          <button type="button" className="small danger" onClick={() => setConfirmingRemove(true)} title={t('desk.removeDocument')}>
            {t('desk.removeDocument')}
          </button>
        )}
      </div>
      {!readOnly && confirmingRemove && (
        <div role="alertdialog" aria-label={t('desk.removeDocumentConfirm', { n })} className="remove-document">
          <p>{t('desk.removeDocumentConfirm', { n })}</p>
          <button
            type="button"
            className="small danger"
            onClick={() => {
              setConfirmingRemove(false);
              actions.onRemove();
            }}
          >
            {t('desk.removeDocumentYes')}
          </button>{' '}
          <button type="button" className="small" onClick={() => setConfirmingRemove(false)}>
            {t('desk.removeDocumentNo')}
          </button>
        </div>
      )}
      <p className="document-meta">
        {t('desk.pagesCount', { count: doc.pages.length })}
        {doc.reusedFrom !== null && <span className="badge badge--reused">{t('desk.reusedBadge')}</span>}
        {doc.record && <RecordBadge record={doc.record} />}
        {doc.record?.signed && (
          <button type="button" className="small" onClick={() => setViewingRecord(true)}>
            {t('recordView.open')}
          </button>
        )}
        {viewingRecord && doc.record && (
          <RecordViewerDialog record={doc.record} title={title ?? String(n)} onClose={() => setViewingRecord(false)} />
        )}
        {syncState && <SyncBadge state={syncState} />}
      </p>
      {editable && blankIds.length > 0 && !confirmingBlanks && (
        <p className="blank-pages">
          <button type="button" className="small danger" onClick={() => setConfirmingBlanks(true)}>
            {t('desk.removeBlankPages', { count: blankIds.length })}
          </button>
        </p>
      )}
      {editable && blankIds.length > 0 && confirmingBlanks && (
        <div role="alertdialog" aria-label={t('desk.removeBlankPagesConfirm', { count: blankIds.length })} className="remove-document">
          <p>{t('desk.removeBlankPagesConfirm', { count: blankIds.length })}</p>
          <button
            type="button"
            className="small danger"
            onClick={() => {
              setConfirmingBlanks(false);
              actions.onDeleteBlankPages(blankIds);
            }}
          >
            {t('desk.removeBlankPagesYes')}
          </button>{' '}
          <button type="button" className="small" onClick={() => setConfirmingBlanks(false)}>
            {t('page.deleteNo')}
          </button>
        </div>
      )}
      {pages.length > 0 && (
        <DndContext
          sensors={sensors}
          collisionDetection={closestCenter}
          onDragEnd={onDragEnd}
          accessibility={{ announcements, screenReaderInstructions: { draggable: t('page.dragHelp') } }}
        >
          <SortableContext items={order} strategy={rectSortingStrategy}>
            <ol className="thumbs">
              {pages.map((page, i) => (
                <PageThumb
                  key={page.id}
                  page={page}
                  n={i + 1}
                  count={pages.length}
                  selected={page.id === viewedPageId}
                  readOnly={readOnly || reused}
                  actions={stableActions}
                />
              ))}
            </ol>
          </SortableContext>
        </DndContext>
      )}
    </section>
  );
}
