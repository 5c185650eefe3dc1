import { decodeTcvn3 } from './tcvn3';

export type RegisterEncoding = 'utf-8' | 'windows-1258' | 'tcvn3';

/** Windows-1258 writes tone marks as combining bytes after the vowel. */
const CP1258_TONES = new Set([0xcc, 0xec, 0xd2, 0xde, 0xf2]);
const CP1258_VOWELS = new Set([...'aeiouyAEIOUY'].map((c) => c.charCodeAt(0)).concat([0xc2, 0xca, 0xd4, 0xe2, 0xea, 0xf4, 0xc3, 0xe3, 0xd5, 0xf5, 0xdd, 0xfd]));

const isUtf8 = (bytes: Uint8Array) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

const decodeAs = (bytes: Uint8Array, encoding: RegisterEncoding) => (encoding === 'tcvn3' ? decodeTcvn3(bytes) : new TextDecoder(encoding).decode(bytes));

/**
 * Text of a register file. UTF-8 (with or without a BOM) when the bytes are valid UTF-8; otherwise
 * the legacy encoding that fits: Windows-1258 when its tone bytes follow vowels, else TCVN3. A
 * register pasted together from both keeps its UTF-8 lines as UTF-8; `utf8Lines` names them.
 */
export function decodeRegister(bytes: Uint8Array, forced?: RegisterEncoding): { text: string; encoding: RegisterEncoding; utf8Lines: number[] } {
  const encoding = forced ?? guessEncoding(bytes);
  const utf8Lines: number[] = [];
  let text: string;
  if (encoding === 'utf-8' || forced) text = decodeAs(bytes, encoding);
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
  if (isUtf8(bytes)) return 'utf-8';
  let tones = 0;
  let afterVowel = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (!CP1258_TONES.has(bytes[i]!)) continue;
    tones++;
    if (i > 0 && CP1258_VOWELS.has(bytes[i - 1]!)) afterVowel++;
  }
  return tones > 0 && afterVowel * 2 >= tones ? 'windows-1258' : 'tcvn3';
}
