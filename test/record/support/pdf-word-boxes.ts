import type { Box } from '../../../src/shared/page-text';
import { pdftotext } from './pdf-tools';

export interface PdfWord {
  text: string;
  /** In PDF points, from the page's top left, as poppler reports it. */
  box: Box;
}

/** The words of page 1 with their boxes, from `pdftotext -bbox-layout`. */
export function pdfWordBoxes(pdf: Uint8Array): PdfWord[] {
  const html = pdftotext(pdf, '-bbox-layout', '-f', '1', '-l', '1');
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    text: unescapeHtml(m[5]!),
    box: { x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]) },
  }));
}

function unescapeHtml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
