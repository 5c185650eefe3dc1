export type FileFormat = 'jpeg' | 'png' | 'tiff' | 'pdf';

/** Recognises a file by its first bytes, never by its name. */
export function sniffFormat(head: Buffer): FileFormat | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (head.length >= 4) {
    const sig = head.subarray(0, 4).toString('latin1');
    if (sig === 'II*\0' || sig === 'MM\0*' || sig === 'II+\0' || sig === 'MM\0+') return 'tiff';
  }
  if (head.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  return null;
}
