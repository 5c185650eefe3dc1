import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const corpusDir = join(import.meta.dirname, '..', 'fixtures', 'vi-admin');

export interface CorpusPage {
  id: string;
  file: string;
  variant: 'clean' | 'degraded' | 'stamp' | 'rotated' | 'blank';
  dpi: number;
  /** Degrees the content is turned clockwise in the stored image. */
  rotation: 0 | 90 | 180 | 270;
  skew_deg: number;
  expected_blank: boolean;
  color: 'gray' | 'rgb';
  width_px: number;
  height_px: number;
}

export const corpusPages: CorpusPage[] = JSON.parse(readFileSync(join(corpusDir, 'manifest.json'), 'utf8')).pages;

export function corpusBytes(page: CorpusPage): Buffer {
  return readFileSync(join(corpusDir, page.file));
}

/** Clockwise turn that restores the page: the manifest's clockwise content turn, undone. */
export function uprightTurn(page: CorpusPage): number {
  return (360 - page.rotation) % 360;
}

export function byVariant(variant: CorpusPage['variant']): CorpusPage[] {
  return corpusPages.filter((p) => p.variant === variant);
}
