import { useEffect, useRef } from 'react';

export interface DeskShortcuts {
  scan(): void;
  nextPage(): void;
  previousPage(): void;
  rotate(): void;
  finalize(): void;
}

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Ctrl+Enter scan, J/K next/previous page, R rotate, Ctrl+Shift+F finalize; letters are left alone while typing. */
export function useDeskShortcuts(actions: DeskShortcuts): void {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const a = latest.current;
      if (e.ctrlKey && e.key === 'Enter') a.scan();
      else if (e.ctrlKey && e.shiftKey && e.key.toLowerCase() === 'f') a.finalize();
      else if (e.ctrlKey || e.altKey || e.metaKey || typing(e.target)) return;
      else if (e.key === 'j') a.nextPage();
      else if (e.key === 'k') a.previousPage();
      else if (e.key === 'r') a.rotate();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
