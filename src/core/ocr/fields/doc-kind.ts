import type { PageText } from '../../../shared/page-text';
import type { DocKind, DocKindGuess } from './field-types';
import { foldSameLength } from './text-index';

/** Ordered: the first rule whose phrase is in the title wins (specific kinds before `don_de_nghi`). */
const RULES: [DocKind, RegExp][] = [
  ['to_khai_xac_nhan_hon_nhan', /xac nhan tinh trang hon nhan/],
  ['to_khai_ket_hon', /dang ky ket hon/],
  ['to_khai_khai_sinh', /(dang ky )?khai sinh/],
  ['don_xin_phep_xay_dung', /(giay )?phep xay dung/],
  ['don_dat_dai', /(tach thua|hop thua|quyen su dung dat|dat dai)/],
  ['giay_chung_nhan_dkkd', /chung nhan dang ky (ho kinh doanh|doanh nghiep|kinh doanh)/],
  ['giay_bien_nhan', /(tiep nhan ho so|hen tra ket qua|bien nhan)/],
  ['giay_uy_quyen', /uy quyen/],
  ['giay_xac_nhan', /giay xac nhan/],
  ['quyet_dinh', /^quyet dinh\b/],
  ['don_de_nghi', /^don (de nghi|xin)/],
];

const MOTTO = /(cong hoa xa hoi|doc lap - tu do|uy ban nhan dan|^so:)/;

function isTitleLine(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  const upper = letters.filter((c) => c === c.toLocaleUpperCase('vi') && c !== c.toLocaleLowerCase('vi'));
  return letters.length >= 6 && upper.length / letters.length > 0.8;
}

function classify(text: string): DocKind | null {
  for (const [kind, pattern] of RULES) if (pattern.test(text)) return kind;
  return null;
}

/**
 * Guesses the kind of document from its title: the first upper-case line after the national
 * motto (plus the next one, as titles wrap). Falls back to the first 15 lines at a lower score.
 */
export function classifyDocKind(page: PageText): DocKindGuess {
  const lines = page.lines.slice(0, 25).map((l) => foldSameLength(l.text).trim());
  const titles = lines
    .map((l, i) => ({ folded: l, title: isTitleLine(page.lines[i]!.text) }))
    .filter((l) => l.title && !MOTTO.test(l.folded));
  for (let i = 0; i < Math.min(titles.length, 3); i++) {
    const kind = classify(titles[i]!.folded) ?? classify(`${titles[i]!.folded} ${titles[i + 1]?.folded ?? ''}`);
    if (kind) return { kind, score: i === 0 ? 0.9 : 0.75 };
  }
  const head = lines.slice(0, 15).join(' ');
  const kind = RULES.find(([, p]) => new RegExp(p.source.replace(/^\^/, '')).test(head))?.[0];
  return kind ? { kind, score: 0.55 } : { kind: 'unknown', score: 0 };
}
