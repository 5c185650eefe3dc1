import { Readable } from 'node:stream';
import type { BandwidthLimiter } from './bandwidth-limiter';

/**
 * A tus-js-client file reader that streams a Buffer as Readable request bodies. With a
 * BandwidthLimiter it asks the limiter before every 16 KiB, so the limit holds within a request;
 * without one it hands over 1 MiB pieces (the client's own buffer writer goes 16 KiB at a time,
 * waiting for `drain` after each).
 */
export class ThrottledBufferReader {
  private readonly piece: number;

  constructor(private readonly limiter?: BandwidthLimiter) {
    this.piece = limiter ? 16 * 1024 : 1024 * 1024;
  }

  async openFile(input: Buffer): Promise<{
    size: number;
    slice(start: number, end: number): Promise<{ value: Readable & { size: number }; done: boolean }>;
    close(): void;
  }> {
    const { limiter, piece: PIECE } = this;
    return {
      size: input.length,
      async slice(start, end) {
        const part = input.subarray(start, end);
        async function* paced() {
          for (let offset = 0; offset < part.length; offset += PIECE) {
            const piece = part.subarray(offset, offset + PIECE);
            await limiter?.take(piece.length);
            yield piece;
          }
        }
        const value = Object.assign(Readable.from(paced(), { objectMode: false }), { size: part.length });
        return { value, done: end >= input.length };
      },
      close() {},
    };
  }
}
