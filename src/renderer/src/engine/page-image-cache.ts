import type { EngineApi } from '../../../shared/contract';

export type PageImageSize = 'thumbnail' | 'preview' | 'full';

/** How many images of each size stay in memory: thumbnails are a few kB, previews a few hundred, full pages about a MB. */
const LIMITS: Record<PageImageSize, number> = { thumbnail: 500, preview: 24, full: 4 };

/**
 * The desk's page images as data URLs, asked of the engine once per page, size and version (the
 * version changes when the engine made a new image: cleaned, turned). A page seen once opens again
 * without a round trip, and its thumbnail can stand in for it at once.
 */
export class PageImageCache {
  private readonly pending = new Map<string, Promise<string>>();
  private readonly loaded: Record<PageImageSize, Map<string, string>> = { thumbnail: new Map(), preview: new Map(), full: new Map() };

  constructor(private readonly api: EngineApi) {}

  /** The image if it is already here, without asking the engine. */
  peek(pageId: number, size: PageImageSize, version: string): string | undefined {
    const key = keyOf(pageId, version);
    const url = this.loaded[size].get(key);
    if (url !== undefined) this.touch(size, key, url);
    return url;
  }

  get(pageId: number, size: PageImageSize, version: string): Promise<string> {
    const url = this.peek(pageId, size, version);
    if (url !== undefined) return Promise.resolve(url);
    const key = `${size}:${keyOf(pageId, version)}`;
    let request = this.pending.get(key);
    if (!request) {
      request = this.api['page.image']({ id: pageId, size }).then(
        ({ dataUrl }) => {
          this.pending.delete(key);
          this.touch(size, keyOf(pageId, version), dataUrl);
          return dataUrl;
        },
        (error: unknown) => {
          this.pending.delete(key);
          throw error;
        },
      );
      this.pending.set(key, request);
    }
    return request;
  }

  /** Most recently used last; the oldest go when a size is over its limit. */
  private touch(size: PageImageSize, key: string, url: string): void {
    const entries = this.loaded[size];
    entries.delete(key);
    entries.set(key, url);
    for (const oldest of entries.keys()) {
      if (entries.size <= LIMITS[size]) break;
      entries.delete(oldest);
    }
  }
}

const keyOf = (pageId: number, version: string) => `${pageId}@${version}`;
