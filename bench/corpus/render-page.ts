/**
 * Typesets a DocumentText on an A4 page at 300 dpi in Liberation Serif (Pango, through sharp),
 * and gives the page's ink as a grey mask (0 paper, 255 ink) with its true text.
 */
import sharp from 'sharp';
import type { DocumentText, Line } from './documents';

export const A4_300 = { width: 2480, height: 3508 };
const MARGIN = { left: 354, right: 212, top: 260 };
const TEXT_WIDTH = A4_300.width - MARGIN.left - MARGIN.right;
const INDENT = '\u2003\u2003';

export interface RenderedPage {
  /** One byte a pixel, 255 where there is ink. */
  ink: Buffer;
  /** The truth, column by column, and the row-by-row alternatives. */
  truth: string[];
  alternatives: string[][];
  /** Where the right signature block sits (for the seal and the signature of the stamp variant). */
  signer: { x: number; y: number; width: number; height: number } | null;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function markup(line: Line): string {
  let t = escape(line.text);
  if (line.italic) t = `<i>${t}</i>`;
  if (line.bold) t = `<b>${t}</b>`;
  return t;
}

interface Block {
  data: Buffer;
  width: number;
  height: number;
}

async function renderText(text: string, width: number, align: 'left' | 'centre', justify: boolean, pt: number): Promise<Block> {
  if (!text.trim()) return { data: Buffer.alloc(0), width: 0, height: 0 };
  const { data, info } = await sharp({
    text: { text, font: `Liberation Serif ${pt}`, width, dpi: 300, align, justify, spacing: Math.round(pt * 0.5) },
  })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

function stamp(page: Buffer, block: Block, x: number, y: number): void {
  for (let row = 0; row < block.height; row++) {
    const py = y + row;
    if (py < 0 || py >= A4_300.height) continue;
    for (let col = 0; col < block.width; col++) {
      const v = block.data[row * block.width + col]!;
      if (v === 0) continue;
      const i = py * A4_300.width + x + col;
      if (page[i]! < v) page[i] = v;
    }
  }
}

function rowByRow(left: Line[], right: Line[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const parts = [left[i]?.text ?? '', right[i]?.text ?? ''].filter((t) => t.trim());
    if (parts.length) out.push(parts.join(' '));
  }
  return out;
}

const columnTexts = (lines: Line[]) => lines.map((l) => l.text).filter((t) => t.trim());

export async function renderPage(doc: DocumentText, bodyPt: number): Promise<RenderedPage> {
  const ink = Buffer.alloc(A4_300.width * A4_300.height);
  const lineGap = Math.round(((bodyPt * 300) / 72) * 0.3);
  let y = MARGIN.top;
  let signer: RenderedPage['signer'] = null;
  /** Per row: its truth lines, and (for columns) the row-by-row reading. */
  const parts: { columns: string[]; rows: string[] | null }[] = [];
  for (const row of doc.rows) {
    y += row.gapBefore ?? 0;
    if (row.kind === 'text') {
      const text = (row.indent ? INDENT : '') + markup({ text: row.text, bold: row.bold, italic: row.italic });
      const block = await renderText(text, TEXT_WIDTH, row.align === 'centre' ? 'centre' : 'left', row.align === 'justify', bodyPt);
      const x = row.align === 'centre' ? MARGIN.left + Math.round((TEXT_WIDTH - block.width) / 2) : MARGIN.left;
      stamp(ink, block, x, y);
      y += block.height + lineGap;
      parts.push({ columns: [row.text], rows: null });
    } else {
      const y0 = y;
      const leftWidth = Math.round(TEXT_WIDTH * 0.4);
      const rightWidth = TEXT_WIDTH - leftWidth;
      const columnPt = bodyPt - 1;
      const left = await renderText(row.left.map(markup).join('\n'), leftWidth, 'centre', false, columnPt);
      const right = await renderText(row.right.map(markup).join('\n'), rightWidth, 'centre', false, columnPt);
      stamp(ink, left, MARGIN.left + Math.round((leftWidth - left.width) / 2), y0);
      const rightX = MARGIN.left + leftWidth + Math.round((rightWidth - right.width) / 2);
      stamp(ink, right, rightX, y0);
      if (row.gapBefore) signer = { x: rightX, y: y0, width: right.width, height: right.height };
      y = y0 + Math.max(left.height, right.height) + lineGap;
      parts.push({ columns: [...columnTexts(row.left), ...columnTexts(row.right)], rows: rowByRow(row.left, row.right) });
    }
  }
  const truth = parts.flatMap((p) => p.columns);
  const columnRows = parts.map((p, i) => (p.rows ? i : -1)).filter((i) => i >= 0);
  const alternatives: string[][] = [];
  // Every non-empty subset of the side-by-side rows read row by row.
  for (let mask = 1; mask < 1 << columnRows.length; mask++) {
    const merged = new Set(columnRows.filter((_, k) => mask & (1 << k)));
    alternatives.push(parts.flatMap((p, i) => (merged.has(i) ? p.rows! : p.columns)));
  }
  return { ink, truth, alternatives, signer };
}
