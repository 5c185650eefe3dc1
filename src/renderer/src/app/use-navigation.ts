import { useCallback, useRef, useState } from 'react';
import type { PageId } from './pages';

/** Which page is shown. The URL fragment carries the engine secret, so the page lives in state, not in the URL. */
export function useNavigation() {
  const [page, setPage] = useState<PageId>('intake');
  const mainRef = useRef<HTMLElement>(null);
  const navigate = useCallback((next: PageId) => {
    setPage(next);
    mainRef.current?.focus({ preventScroll: true });
  }, []);
  const skipToMain = useCallback(() => mainRef.current?.focus(), []);
  return { page, navigate, mainRef, skipToMain };
}
