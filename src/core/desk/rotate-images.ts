import sharp from 'sharp';
import { encodeBilevelPng } from '../imaging/bilevel-png';

const isJpeg = (bytes: Buffer) => bytes[0] === 0xff && bytes[1] === 0xd8;
/** A PNG's bit depth sits in its IHDR chunk, at byte 24. */
const isBilevelPng = (bytes: Buffer) => bytes[0] === 0x89 && bytes[24] === 1;

/** Turns an image clockwise by a quarter-turn multiple, keeping its format (JPEG, 1-bit or 8-bit PNG) and density. */
export async function rotateImage(bytes: Buffer, degrees: 90 | 180 | 270): Promise<Buffer> {
  const meta = await sharp(bytes).metadata();
  const turned = sharp(bytes)
    .rotate(degrees)
    .withMetadata(meta.density ? { density: meta.density } : {});
  if (isJpeg(bytes)) return turned.jpeg({ quality: 90 }).toBuffer();
  if (isBilevelPng(bytes)) {
    const { data, info } = await turned.greyscale().raw().toBuffer({ resolveWithObject: true });
    return encodeBilevelPng(data, info.width, info.height, 127, meta.density ? Math.round(meta.density) : 0);
  }
  return turned.png().toBuffer();
}
