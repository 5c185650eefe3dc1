import { useCallback, useRef, useState } from 'react';
import { loadOpenDossier, saveOpenDossier } from './open-dossier-store';
import type { PageId } from './pages';

/** Which page is shown, and which dossier is open at the desk. The URL fragment carries the engine secret, so this lives in state, not in the URL. */
export function useNavigation() {
  const [page, setPage] = useState<PageId>('intake');
  const [openDossier, setOpenDossier] = useState<number | null>(loadOpenDossier);
  const mainRef = useRef<HTMLElement>(null);
  const navigate = useCallback((next: PageId) => {
    setPage(next);
    setOpenDossier(null);
    saveOpenDossier(null);
    mainRef.current?.focus({ preventScroll: true });
  }, []);
  const openDesk = useCallback((id: number | null) => {
    setOpenDossier(id);
    saveOpenDossier(id);
    mainRef.current?.focus({ preventScroll: true });
  }, []);
  const skipToMain = useCallback(() => mainRef.current?.focus(), []);
  return { page, navigate, openDossier, openDesk, mainRef, skipToMain };
}
