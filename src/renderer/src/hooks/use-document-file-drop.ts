import { useEffect, useRef, type RefObject } from 'react';

const DROP_CLASS = 'document-card--drop';
const carriesFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');
const cardOf = (e: DragEvent) => (e.target instanceof Element ? e.target.closest<HTMLElement>('[data-document-id]') : null);

/**
 * Files dragged from the system's file manager onto a document card (any element with
 * `data-document-id` inside `container`) go into that document. Pages dragged within the desk are
 * not files and are left to their own handling.
 */
export function useDocumentFileDrop(
  container: RefObject<HTMLElement | null>,
  enabled: boolean,
  onFiles: (documentId: number, files: File[]) => void,
) {
  const latest = useRef(onFiles);
  latest.current = onFiles;
  useEffect(() => {
    const root = container.current;
    if (!root || !enabled) return;
    let marked: HTMLElement | null = null;
    const mark = (card: HTMLElement | null) => {
      if (marked === card) return;
      marked?.classList.remove(DROP_CLASS);
      card?.classList.add(DROP_CLASS);
      marked = card;
    };
    const over = (e: DragEvent) => {
      const card = cardOf(e);
      if (!carriesFiles(e) || !card) return mark(null);
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      mark(card);
    };
    const leave = (e: DragEvent) => {
      if (!root.contains(e.relatedTarget as Node | null)) mark(null);
    };
    const drop = (e: DragEvent) => {
      const card = cardOf(e);
      mark(null);
      if (!carriesFiles(e) || !card) return;
      e.preventDefault();
      latest.current(Number(card.dataset.documentId), [...(e.dataTransfer?.files ?? [])]);
    };
    root.addEventListener('dragenter', over);
    root.addEventListener('dragover', over);
    root.addEventListener('dragleave', leave);
    root.addEventListener('drop', drop);
    return () => {
      mark(null);
      root.removeEventListener('dragenter', over);
      root.removeEventListener('dragover', over);
      root.removeEventListener('dragleave', leave);
      root.removeEventListener('drop', drop);
    };
  }, [container, enabled]);
}
