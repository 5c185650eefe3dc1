/**
 * Encoders for the test registers: Vietnamese text to Windows-1258 and TCVN3 bytes, by small tables
 * covering the letters the tests use (an unknown letter throws, so a test cannot pass by accident).
 */

const CP1258_BASE: Record<string, number> = {
  Â: 0xc2,
  Ê: 0xca,
  Ô: 0xd4,
  â: 0xe2,
  ê: 0xea,
  ô: 0xf4,
  Ă: 0xc3,
  ă: 0xe3,
  Đ: 0xd0,
  đ: 0xf0,
  Ơ: 0xd5,
  ơ: 0xf5,
  Ư: 0xdd,
  ư: 0xfd,
};
const CP1258_TONE: Record<string, number> = { '\u0300': 0xcc, '\u0301': 0xec, '\u0309': 0xd2, '\u0303': 0xde, '\u0323': 0xf2 };
const SHAPE = new Set(['\u0302', '\u0306', '\u031b']);

export function toWindows1258(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const nfd = [...ch.normalize('NFD')];
    const shaped = nfd
      .filter((m, i) => i === 0 || SHAPE.has(m))
      .join('')
      .normalize('NFC');
    const tones = nfd.filter((m, i) => i > 0 && !SHAPE.has(m));
    const base = shaped.charCodeAt(0) < 0x80 && shaped.length === 1 ? shaped.charCodeAt(0) : CP1258_BASE[shaped];
    if (base === undefined) throw new Error(`no Windows-1258 byte for ${shaped}`);
    bytes.push(base);
    for (const t of tones) {
      const b = CP1258_TONE[t];
      if (b === undefined) throw new Error(`no Windows-1258 tone for U+${t.charCodeAt(0).toString(16)}`);
      bytes.push(b);
    }
  }
  return Buffer.from(bytes);
}

const TCVN3: Record<string, number> = {
  ồ: 0xe5,
  ơ: 0xac,
  ố: 0xe8,
  ộ: 0xe9,
  ị: 0xde,
  ê: 0xaa,
  ă: 0xa8,
  ư: 0xad,
  đ: 0xae,
  Đ: 0xa7,
  ề: 0xd2,
  ệ: 0xd6,
  ạ: 0xb9,
  á: 0xb8,
  ờ: 0xea,
  ủ: 0xf1,
  ế: 0xd5,
  ý: 0xfd,
  ĩ: 0xdc,
  ễ: 0xd4,
  ấ: 0xca,
  ự: 0xf9,
  ả: 0xb6,
  â: 0xa9,
};

export function toTcvn3(text: string): Buffer {
  return Buffer.from(
    [...text.normalize('NFC')].map((ch) => {
      if (ch.charCodeAt(0) < 0x80) return ch.charCodeAt(0);
      const b = TCVN3[ch];
      if (b === undefined) throw new Error(`no TCVN3 byte for ${ch}`);
      return b;
    }),
  );
}
