/**
 * Changes to a page or to its rendering that should not matter for legibility, for
 * bench/mrc-legibility.bench.ts `--control`: how far one of them moves a page's CER says how precise
 * a single page's figure is.
 */
import sharp from 'sharp';
import type { RecordPage } from '../src/core/record/build-record-pdf';

export const nullChanges = ['jpeg90', 'jpeg95', 'dpi+1', 'no-aa', 'shift', 'repeat'] as const;
export type NullChange = (typeof nullChanges)[number];

/** How the page is rendered and which page goes into the record. */
export interface Rendering {
  dpi: number;
  /** Extra pdftoppm arguments. */
  args: string[];
}

/** Whether the change applies to the MRC record too (re-encoding as JPEG is the scan's own side only). */
export const touchesMrc = (change: NullChange): boolean => !change.startsWith('jpeg');

export function parseNullChanges(list: string | undefined): NullChange[] {
  if (!list) return [];
  return list.split(',').map((c) => {
    if (!(nullChanges as readonly string[]).includes(c)) throw new Error(`--control ${c}: one of ${nullChanges.join(', ')}`);
    return c as NullChange;
  });
}

export function renderingFor(change: NullChange | undefined, dpi: number): Rendering {
  if (change === 'dpi+1') return { dpi: dpi + 1, args: [] };
  if (change === 'no-aa') return { dpi, args: ['-aa', 'no', '-aaVector', 'no'] };
  return { dpi, args: [] };
}

/** The page as the change has it: re-encoded as JPEG, or moved one pixel right and down (same size, white edge). */
export async function pageFor(change: NullChange | undefined, page: RecordPage): Promise<RecordPage> {
  if (change === 'jpeg90' || change === 'jpeg95') {
    const quality = Number(change.slice(4));
    const image = await sharp(page.image).jpeg({ quality }).toBuffer();
    return { ...page, image, format: 'jpeg' };
  }
  if (change === 'shift') {
    // Two pipelines: in one, sharp would cut before it extends.
    const extended = await sharp(page.image).extend({ top: 1, left: 1, background: '#ffffff' }).png().toBuffer();
    const image = await sharp(extended).extract({ left: 0, top: 0, width: page.width, height: page.height }).png().toBuffer();
    return { ...page, image, format: 'png' };
  }
  return page;
}
