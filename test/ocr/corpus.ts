import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CORPUS = fileURLToPath(new URL('../fixtures/vi-admin/', import.meta.url));

export interface CorpusPage {
  id: string;
  file: string;
  truth: string;
  variant: 'clean' | 'degraded' | 'stamp' | 'rotated' | 'blank';
  rotation: number;
  expected_blank: boolean;
  doc_kind: string;
  width_px: number;
  height_px: number;
  fields: {
    doc_number?: string | null;
    doc_date?: string | null;
    dates?: string[];
    cccd?: string[];
    phones?: string[];
    names?: string[];
  };
}

export function corpusPages(): CorpusPage[] {
  return (JSON.parse(readFileSync(`${CORPUS}manifest.json`, 'utf8')) as { pages: CorpusPage[] }).pages;
}

export function truthText(page: CorpusPage): string {
  return readFileSync(`${CORPUS}${page.truth}`, 'utf8');
}

export function imageBytes(page: CorpusPage): Buffer {
  return readFileSync(`${CORPUS}${page.file}`);
}
