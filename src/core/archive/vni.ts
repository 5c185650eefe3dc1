/**
 * VNI (the "VNI-Times" fonts common in the south): a letter is an ASCII vowel followed by
 * Windows-1252 characters the font draws as its marks ("Nguyeãn Vaên" is "Nguyễn Văn").
 * Text here is already Unicode: a CSV decoded as Windows-1252, or an XLSX cell as written.
 */
const HOOK = '\u0309';
const TONE: Record<string, string> = { ù: '\u0301', ø: '\u0300', û: HOOK, õ: '\u0303', ï: '\u0323' };
const CIRCUMFLEX: Record<string, string> = { â: '', á: '\u0301', à: '\u0300', å: HOOK, ã: '\u0303', ä: '\u0323' };
const BREVE: Record<string, string> = { ê: '', é: '\u0301', è: '\u0300', ú: HOOK, ü: '\u0303', ë: '\u0323' };
/** Letters VNI gives a code of their own. */
const SINGLE: Record<string, string> = { ô: 'ơ', ö: 'ư', ñ: 'đ', í: 'í', ì: 'ì', æ: 'ỉ', ó: 'ĩ', ò: 'ị', î: 'ỵ' };

const upper = (table: Record<string, string>) => Object.fromEntries(Object.entries(table).map(([k, v]) => [k.toUpperCase(), v]));
const TONES = { ...TONE, ...upper(TONE) };
const CIRCUMFLEXES = { ...CIRCUMFLEX, ...upper(CIRCUMFLEX) };
const BREVES = { ...BREVE, ...upper(BREVE) };
const SINGLES: Record<string, string> = {
  ...SINGLE,
  ...Object.fromEntries(Object.entries(SINGLE).map(([k, v]) => [k.toUpperCase(), v.toUpperCase()])),
};

/** Marks that never occur in Vietnamese written in Unicode: their presence is what gives VNI away. */
const VNI_ONLY = /[øïåäëüûæîöñØÏÅÄËÜÛÆÎÖÑ]/;
/** Letters only Unicode (or TCVN3, Windows-1258) Vietnamese has: VNI text never holds them. */
const UNICODE_VIETNAMESE = /[ăđơưĂĐƠƯ\u1ea0-\u1ef9]/;

/** One letter from a base and the VNI character after it, or null when they do not combine. */
function combine(base: string, mark: string): string | null {
  const lower = base.toLowerCase();
  const vowel = lower === 'ô' || lower === 'ö' ? SINGLES[base]! : base;
  if (!'aeiouyAEIOUY'.includes(base) && vowel === base) return null;
  let marks: string | undefined;
  if (TONES[mark] !== undefined) marks = TONES[mark];
  else if (CIRCUMFLEXES[mark] !== undefined && 'aeo'.includes(lower)) marks = `\u0302${CIRCUMFLEXES[mark]}`;
  else if (BREVES[mark] !== undefined && lower === 'a') marks = `\u0306${BREVES[mark]}`;
  return marks === undefined ? null : `${vowel}${marks}`.normalize('NFC');
}

/** VNI text to Unicode NFC. */
export function decodeVni(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const next = text[i + 1];
    const pair = next === undefined ? null : combine(c, next);
    if (pair !== null) {
      out += pair;
      i++;
    } else out += SINGLES[c] ?? c;
  }
  return out.normalize('NFC');
}

/**
 * Whether cells are VNI: more cells carry marks only VNI writes than carry letters only Unicode
 * Vietnamese has. A register is decided as a whole, so a VNI cell without a telling mark
 * ("Hoà sô" is "Hồ sơ") is converted with the rest.
 */
export function looksLikeVni(cells: Iterable<string>): boolean {
  let vni = 0;
  let unicode = 0;
  for (const c of cells) {
    if (UNICODE_VIETNAMESE.test(c)) unicode++;
    else if (VNI_ONLY.test(c)) vni++;
  }
  return vni > unicode;
}

/** Whether a cell is one VNI conversion changes (written in VNI, not in Unicode). */
export const isVniCell = (cell: string) => !UNICODE_VIETNAMESE.test(cell) && decodeVni(cell) !== cell;
