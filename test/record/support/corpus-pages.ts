import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordPage } from '../../../src/core/record/build-record-pdf';
import type { OcrWord, PageText } from '../../../src/shared/page-text';

export const corpusDir = join(import.meta.dirname, '../../fixtures/vi-admin');

interface ManifestPage {
  id: string;
  file: string;
  dpi: number;
  color: string;
  format: 'png' | 'jpg';
  width_px: number;
  height_px: number;
  fields: { names: string[] };
  doc_title: string;
}

export function corpusManifest(): ManifestPage[] {
  return (JSON.parse(readFileSync(join(corpusDir, 'manifest.json'), 'utf8')) as { pages: ManifestPage[] }).pages;
}

export function corpusPage(id: string): ManifestPage {
  const page = corpusManifest().find((p) => p.id === id);
  if (!page) throw new Error(`no corpus page ${id}`);
  return page;
}

export function recordPageFromCorpus(id: string, colorMode?: RecordPage['colorMode'], text?: PageText): RecordPage {
  const p = corpusPage(id);
  return {
    image: readFileSync(join(corpusDir, p.file)),
    format: p.format === 'jpg' ? 'jpeg' : 'png',
    width: p.width_px,
    height: p.height_px,
    dpi: p.dpi,
    colorMode: colorMode ?? (p.color === 'rgb' ? 'color' : 'gray'),
    text,
  };
}

/**
 * A text layer made from the page's own truth (its title and the names in its manifest),
 * laid out on a grid of known boxes: what pdftotext gives back is compared with these.
 */
export function craftedPageText(id: string): PageText {
  const p = corpusPage(id);
  const phrases = [p.doc_title, ...p.fields.names];
  const lines = phrases.map((phrase, row) => {
    const y0 = 300 + row * 120;
    let x = 200;
    const words: OcrWord[] = phrase.split(/\s+/).map((text) => {
      const width = 40 + text.length * 38;
      const word = { text, bbox: { x0: x, y0, x1: x + width, y1: y0 + 70 }, confidence: 95 };
      x += width + 45;
      return word;
    });
    return { text: phrase, bbox: { x0: 200, y0, x1: x, y1: y0 + 70 }, confidence: 95, words };
  });
  return { text: phrases.join('\n'), lines, confidence: 95, width: p.width_px, height: p.height_px };
}
