import { CodedError } from '../../shared/errors';
import { blankStage } from '../imaging/blank-stage';
import { borderBox } from '../imaging/crop-stage';
import { normalizeStage } from '../imaging/normalize-stage';
import { analyzePage, croppedAnalysis } from '../imaging/page-analysis';
import { isPatchT } from './patch-code-detect';
import { readSeparator } from './separator-detect';
import type { SeparatorIdentity } from './separator-payload';

/**
 * How a batch's pages are split into dossiers: by its folder tree, or, for a flat stream of pages,
 * by QR separator sheets, by Kodak Patch T sheets, by blank pages, or every N pages. In the last
 * three the dossiers follow the register's order.
 */
export type SeparationMode =
  { kind: 'folders' } | { kind: 'qr' } | { kind: 'patch-t' } | { kind: 'blank' } | { kind: 'count'; pages: number };

export class SeparationModeError extends CodedError {
  constructor(text: string) {
    super('batch.bad-separation', `--separate must be folders, qr, patch-t, blank or count:N (N pages a dossier), not '${text}'`, { text });
  }
}

export function parseSeparationMode(text: string): SeparationMode {
  if (text === 'folders' || text === 'qr' || text === 'patch-t' || text === 'blank') return { kind: text };
  const m = /^count:(\d+)$/.exec(text);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 100_000) return { kind: 'count', pages: Number(m[1]) };
  throw new SeparationModeError(text);
}

export const separationName = (mode: SeparationMode) => (mode.kind === 'count' ? `count:${mode.pages}` : mode.kind);

/** What a page of the stream is to the splitter. */
export type PageRole = { role: 'page' } | { role: 'separator'; id: SeparatorIdentity | null };

/** Blank as the clean-up's first look sees it, borders cropped (a scanner's dark edges are not ink). */
export async function isBlankPage(bytes: Buffer): Promise<boolean> {
  const page = await normalizeStage({ bytes });
  let analysis = await analyzePage(page.image, page.dpi);
  const box = borderBox(analysis);
  if (box) analysis = croppedAnalysis(analysis, box);
  return blankStage({ analysis }).blank;
}

/** The role of one page under a stream mode (folders and count need no look at the image). */
export async function pageRole(mode: SeparationMode, bytes: Buffer): Promise<PageRole> {
  if (mode.kind === 'qr') {
    const id = await readSeparator(bytes);
    return id ? { role: 'separator', id } : { role: 'page' };
  }
  if (mode.kind === 'patch-t') return (await isPatchT(bytes)) ? { role: 'separator', id: null } : { role: 'page' };
  if (mode.kind === 'blank') return (await isBlankPage(bytes)) ? { role: 'separator', id: null } : { role: 'page' };
  return { role: 'page' };
}
