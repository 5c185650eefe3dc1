import { useCallback, useRef, useState } from 'react';
import { loadOpenDossier, saveOpenDossier } from './open-dossier-store';
import type { PageId } from './pages';

/** Which page is shown (one the role can see), and which dossier is open at the desk. The URL fragment carries the engine secret, so this lives in state, not in the URL. */
export function useNavigation(pages: readonly PageId[]) {
  const [chosen, setPage] = useState<PageId>(pages[0] ?? 'settings');
  // A page the role cannot see (after a role change) falls back to the role's first page.
  const page = pages.includes(chosen) ? chosen : (pages[0] ?? 'settings');
  const [openDossier, setOpenDossier] = useState<number | null>(() => (pages.includes('intake') ? loadOpenDossier() : null));
  // The page to show first when the desk was opened from a search hit.
  const [openAtPage, setOpenAtPage] = useState<number | null>(null);
  const mainRef = useRef<HTMLElement>(null);
  const navigate = useCallback((next: PageId) => {
    setPage(next);
    setOpenDossier(null);
    saveOpenDossier(null);
    mainRef.current?.focus({ preventScroll: true });
  }, []);
  const openDesk = useCallback((id: number | null, at?: { pageId?: number | null }) => {
    setOpenDossier(id);
    setOpenAtPage(at?.pageId ?? null);
    saveOpenDossier(id);
    mainRef.current?.focus({ preventScroll: true });
  }, []);
  const skipToMain = useCallback(() => mainRef.current?.focus(), []);
  return { page, navigate, openDossier, openAtPage, openDesk, mainRef, skipToMain };
}
