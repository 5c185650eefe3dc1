/** Pages one file (a PDF or a multi-page TIFF) may hold before it is refused whole: the `import.max-pages-per-file` setting's default. */
export const DEFAULT_MAX_PAGES_PER_FILE = 5_000;

/** What a page-tree walk that recursed too deep throws (a cyclic or absurdly deep tree). */
export const isStackOverflow = (e: unknown): boolean => e instanceof RangeError && /call stack/i.test(e.message);
