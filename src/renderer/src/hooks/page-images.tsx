import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useEngine } from '../engine/engine-context';
import { PageImageCache, type PageImageSize } from '../engine/page-image-cache';

const PageImagesContext = createContext<PageImageCache | null>(null);

/** One cache of page images for everything under it (the desk: thumbnails and viewer share it). */
export function PageImagesProvider({ children }: { children: ReactNode }) {
  const api = useEngine();
  const [cache] = useState(() => new PageImageCache(api));
  return <PageImagesContext.Provider value={cache}>{children}</PageImagesContext.Provider>;
}

export function usePageImageCache(): PageImageCache {
  const cache = useContext(PageImagesContext);
  if (!cache) throw new Error('usePageImageCache outside PageImagesProvider');
  return cache;
}

/** A page's image as a data URL, at once when it is in the cache; `version` changes when the engine made a new one (cleaned, turned). */
export function usePageImage(
  pageId: number,
  size: PageImageSize,
  version: string,
  wanted = true,
): { data: string | undefined; error: unknown } {
  const cache = usePageImageCache();
  const key = `${pageId}:${size}:${version}`;
  const [state, setState] = useState<{ key: string; data?: string; error?: unknown }>({ key });
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    cache.get(pageId, size, version).then(
      (data) => current && setState({ key, data }),
      (error: unknown) => current && setState({ key, error }),
    );
    return () => {
      current = false;
    };
  }, [cache, key, pageId, size, version, wanted]);
  const mine = state.key === key ? state : null;
  return { data: mine?.data ?? cache.peek(pageId, size, version), error: mine?.error };
}

export interface ShownPageImage {
  url: string;
  size: PageImageSize;
}

/**
 * The page's image of `size`, given only once the browser has decoded it, so showing it never holds
 * up a frame; until then the sharpest image of the page already decoded (or its thumbnail) stands in.
 * `error` is the engine's reason when it could not give the image.
 */
export function useDecodedPageImage(
  pageId: number,
  size: PageImageSize,
  version: string,
): { image: ShownPageImage | null; error: unknown } {
  const cache = usePageImageCache();
  const [decoded, setDecoded] = useState<{ pageId: number; version: string; image?: ShownPageImage; error?: unknown } | null>(null);
  useEffect(() => {
    let current = true;
    cache.get(pageId, size, version).then(
      async (url) => {
        const image = new Image();
        image.src = url;
        // A broken image is shown as it is: the browser says so better than a stand-in would.
        await image.decode().catch(() => undefined);
        if (current) setDecoded({ pageId, version, image: { url, size } });
      },
      (error: unknown) =>
        current && setDecoded((d) => ({ ...(d?.pageId === pageId && d.version === version ? d : { pageId, version }), error })),
    );
    return () => {
      current = false;
    };
  }, [cache, pageId, size, version]);
  // The image asked for, or one of another size already decoded for this page (kept from the last zoom).
  const mine = decoded && decoded.pageId === pageId && decoded.version === version ? decoded : null;
  const thumbnail = cache.peek(pageId, 'thumbnail', version);
  return { image: mine?.image ?? (thumbnail === undefined ? null : { url: thumbnail, size: 'thumbnail' }), error: mine?.error };
}

/** Which image of a page the engine has: the captured one until clean-up, then the cleaned one (OCR leaves it as it is), per turn. */
export const pageImageVersion = (page: { state: string; rotation: number }) =>
  `${page.state === 'read' ? 'cleaned' : page.state}:${page.rotation}`;
