import { decodeTcvn3 } from './tcvn3';
import { decodeVni } from './vni';

import { REGISTER_ENCODINGS, type RegisterEncoding } from '../../shared/register-preview';

export { REGISTER_ENCODINGS, type RegisterEncoding };

/** Windows-1258 writes tone marks as combining bytes after the vowel. */
const CP1258_TONES = new Set([0xcc, 0xec, 0xd2, 0xde, 0xf2]);
const CP1258_VOWELS = new Set(
  [...'aeiouyAEIOUY'].map((c) => c.charCodeAt(0)).concat([0xc2, 0xca, 0xd4, 0xe2, 0xea, 0xf4, 0xc3, 0xe3, 0xd5, 0xf5, 0xdd, 0xfd]),
);

const isUtf8 = (bytes: Uint8Array) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

function decodeAs(bytes: Uint8Array, encoding: RegisterEncoding): string {
  if (encoding === 'tcvn3') return decodeTcvn3(bytes);
  if (encoding === 'vni') return decodeVni(new TextDecoder('windows-1252').decode(bytes));
  return new TextDecoder(encoding).decode(bytes);
}

/** VNI's mark bytes that are no Vietnamese letter in Windows-1252 (ø ï å ä ë ü û and capitals). */
const VNI_MARKS = new Set([0xf8, 0xef, 0xe5, 0xe4, 0xeb, 0xfc, 0xfb, 0xd8, 0xcf, 0xc5, 0xc4, 0xcb, 0xdc, 0xdb]);
const VNI_BASES = new Set([...'aeiouyAEIOUY'].map((c) => c.charCodeAt(0)).concat([0xf4, 0xf6, 0xd4, 0xd6]));

/** VNI puts its mark bytes after an ASCII vowel; TCVN3 uses the same bytes as whole letters, mostly after consonants. */
function isVniBytes(bytes: Uint8Array): boolean {
  let afterVowel = 0;
  let elsewhere = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (!VNI_MARKS.has(bytes[i]!)) continue;
    if (i > 0 && VNI_BASES.has(bytes[i - 1]!)) afterVowel++;
    else elsewhere++;
  }
  return afterVowel > 0 && afterVowel >= 4 * elsewhere;
}

/** UTF-16 by its byte-order mark, or (no mark) by the zero bytes every other byte of ASCII text has. */
function utf16Of(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const n = Math.min(bytes.length - (bytes.length % 2), 512);
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  if (oddZero >= n / 4 && evenZero === 0) return 'utf-16le';
  if (evenZero >= n / 4 && oddZero === 0) return 'utf-16be';
  return null;
}

/**
 * Text of a register file. UTF-16 by its BOM (Excel's "Unicode Text"); UTF-8 (with or without a
 * BOM) when the bytes are valid UTF-8; otherwise the legacy encoding that fits: VNI when its mark
 * bytes follow vowels, Windows-1258 when its tone bytes do, else TCVN3. A
 * register pasted together from both keeps its UTF-8 lines as UTF-8; `utf8Lines` names them.
 */
export function decodeRegister(
  bytes: Uint8Array,
  forced?: RegisterEncoding,
): { text: string; encoding: RegisterEncoding; utf8Lines: number[] } {
  const encoding = forced ?? guessEncoding(bytes);
  const utf8Lines: number[] = [];
  let text: string;
  if (encoding === 'utf-8' || encoding.startsWith('utf-16') || forced) text = decodeAs(bytes, encoding);
  else {
    const lines: string[] = [];
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] !== 0x0a) continue;
      const line = bytes.subarray(start, i);
      const highBytes = line.some((b) => b >= 0x80);
      if (highBytes && isUtf8(line)) utf8Lines.push(lines.length + 1);
      lines.push(highBytes && isUtf8(line) ? new TextDecoder('utf-8').decode(line) : decodeAs(line, encoding));
      start = i + 1;
    }
    text = lines.join('\n');
  }
  return { text: text.replace(/^\ufeff/, '').normalize('NFC'), encoding, utf8Lines };
}

export function guessEncoding(bytes: Uint8Array): RegisterEncoding {
  const utf16 = utf16Of(bytes);
  if (utf16) return utf16;
  if (isUtf8(bytes)) return 'utf-8';
  if (isVniBytes(bytes)) return 'vni';
  let tones = 0;
  let afterVowel = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (!CP1258_TONES.has(bytes[i]!)) continue;
    tones++;
    if (i > 0 && CP1258_VOWELS.has(bytes[i - 1]!)) afterVowel++;
  }
  return tones > 0 && afterVowel * 2 >= tones ? 'windows-1258' : 'tcvn3';
}
