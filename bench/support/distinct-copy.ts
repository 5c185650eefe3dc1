const crc32 = (bytes: Buffer) => {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
};

/**
 * The same image, other bytes, so content hashes differ and a bench's copies of a corpus page are not
 * deduplicated: a tEXt chunk before a PNG's IEND, or a COM segment after a JPEG's SOI.
 */
export function distinctCopy(image: Buffer, copy: number): Buffer {
  const note = Buffer.from(`sohoa-bench copy ${copy}`, 'latin1');
  if (image[0] === 0x89) {
    const body = Buffer.concat([Buffer.from('tEXt'), Buffer.from('Comment\0'), note]);
    const chunk = Buffer.alloc(body.length + 8);
    chunk.writeUInt32BE(body.length - 4, 0);
    body.copy(chunk, 4);
    chunk.writeUInt32BE(crc32(body), body.length + 4);
    const iend = image.length - 12;
    return Buffer.concat([image.subarray(0, iend), chunk, image.subarray(iend)]);
  }
  const com = Buffer.alloc(4 + note.length);
  com.writeUInt16BE(0xfffe, 0);
  com.writeUInt16BE(note.length + 2, 2);
  note.copy(com, 4);
  return Buffer.concat([image.subarray(0, 2), com, image.subarray(2)]);
}
