import { PDFDocument, type LoadOptions } from 'pdf-lib';
import { isStackOverflow } from '../../shared/page-limits';

/**
 * What pdf-lib's parser writes to the console on a damaged file (one or two lines per damaged
 * object: a thousand lines for a thousand PDFs). The app and `sohoa` keep stdout and stderr for
 * their own one-line reports, so these are held back; `repaired` says the parser had to skip.
 */
const PARSER_NOTICE = /^(Trying to parse invalid object: |Invalid object ref: |Removing parsed object: |Parsed number that is too large )/;

let holding = 0;
let passOn: typeof console.warn = console.warn;

/** Runs `work` with pdf-lib's parser notices held back; any other console.warn goes through as before. */
async function holdingParserNotices<T>(work: () => Promise<T>): Promise<T> {
  if (holding++ === 0) {
    passOn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && PARSER_NOTICE.test(args[0])) return;
      passOn.apply(console, args);
    };
  }
  try {
    return await work();
  } finally {
    if (--holding === 0) console.warn = passOn;
  }
}

export interface LoadedPdf {
  doc: PDFDocument;
  /** pdf-lib met objects it could not parse and skipped them to read the rest. */
  repaired: boolean;
}

/**
 * Loads a PDF with pdf-lib, silently: first strictly; a file with damaged objects is loaded again
 * skipping them, and said to be repaired.
 */
export async function loadPdf(bytes: Uint8Array, options: Omit<LoadOptions, 'throwOnInvalidObject'> = {}): Promise<LoadedPdf> {
  return holdingParserNotices(async () => {
    try {
      return { doc: await PDFDocument.load(bytes, { ...options, throwOnInvalidObject: true }), repaired: false };
    } catch (e) {
      if (!(e instanceof Error && e.message.startsWith('Trying to parse invalid object'))) throw e;
    }
    return { doc: await PDFDocument.load(bytes, { ...options, throwOnInvalidObject: false }), repaired: true };
  });
}

/**
 * Why pdf-lib could not read a file, in words: its own message for what it checks; for a page tree
 * that loops, or a catalog so damaged that pdf-lib trips over it (a TypeError inside pdf-lib), a
 * plain description instead of the JavaScript message.
 */
export function pdfDamageReason(error: unknown): string {
  if (isStackOverflow(error)) return 'its page tree loops back on itself';
  if (error instanceof TypeError) return 'its catalog or page tree is damaged';
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
