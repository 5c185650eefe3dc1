import { useId } from 'react';
import type { DeskDocument } from '../../../../shared/types';
import { useT } from '../../i18n/i18n-context';
import { PageThumb } from './PageThumb';
import type { RecordSyncState } from '../../../../shared/sync-status';
import { RecordBadge } from './RecordBadge';
import { SyncBadge } from './SyncBadge';

export interface DocumentCardActions {
  onSelect(): void;
  onViewPage(pageId: number): void;
  onRotatePage(pageId: number, rotation: number): void;
  onDeletePage(pageId: number): void;
  onMovePage(pageId: number, position: number): void;
  onSplitPage(pageId: number): void;
}

/** One component document: its pages as thumbnails in order, its record and signature badge. */
export function DocumentCard({
  doc,
  n,
  selected,
  viewedPageId,
  syncState,
  actions,
}: {
  doc: DeskDocument;
  n: number;
  selected: boolean;
  viewedPageId: number | null;
  /** The record's way to the hub, once it is queued. */
  syncState?: RecordSyncState;
  actions: DocumentCardActions;
}) {
  const t = useT();
  const titleId = useId();
  const title = doc.component ?? doc.title;
  return (
    <section className={selected ? 'card document-card document-card--selected' : 'card document-card'} aria-labelledby={titleId} data-document-id={doc.id}>
      <div className="document-head">
        <h3 id={titleId}>{title ? t('desk.document', { n, name: title }) : t('desk.documentUntitled', { n })}</h3>
        <button type="button" className="small" aria-pressed={selected} onClick={actions.onSelect}>
          {selected ? t('desk.selected') : t('desk.select')}
        </button>
      </div>
      <p className="document-meta">
        {t('desk.pagesCount', { count: doc.pages.length })}
        {doc.reusedFrom !== null && <span className="badge badge--reused">{t('desk.reusedBadge')}</span>}
        {doc.record && <RecordBadge record={doc.record} />}
        {syncState && <SyncBadge state={syncState} />}
      </p>
      {doc.pages.length > 0 && (
        <ol className="thumbs">
          {doc.pages.map((page, i) => (
            <PageThumb
              key={page.id}
              page={page}
              n={i + 1}
              selected={page.id === viewedPageId}
              actions={{
                onView: () => actions.onViewPage(page.id),
                onRotate: () => actions.onRotatePage(page.id, (page.rotation + 90) % 360),
                onDelete: () => actions.onDeletePage(page.id),
                onMoveUp: i > 0 ? () => actions.onMovePage(page.id, i) : undefined,
                onMoveDown: i < doc.pages.length - 1 ? () => actions.onMovePage(page.id, i + 2) : undefined,
                onSplit: doc.pages.length > 1 ? () => actions.onSplitPage(page.id) : undefined,
              }}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
