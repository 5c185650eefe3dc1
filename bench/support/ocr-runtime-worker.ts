/**
 * One side of bench/ocr-runtime.bench.ts: OCRs the given corpus pages with one tesseract.js worker
 * under whatever Node runs it, and prints one JSON line: the core tesseract.js picked and the seconds
 * per page (after one warm-up page).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TesseractDriver } from '../../src/core/ocr/tesseract-driver';

const files = process.argv.slice(2);
const detect = createRequire(import.meta.url)('wasm-feature-detect') as { simd(): Promise<boolean>; relaxedSimd(): Promise<boolean> };
const core = (await detect.relaxedSimd()) ? 'relaxedsimd-lstm' : (await detect.simd()) ? 'simd-lstm' : 'lstm';
const worker = await new TesseractDriver({ cacheDir: join(tmpdir(), 'sohoa-bench-tessdata') }).startWorker();
await worker.recognize(readFileSync(files[0]!));
const seconds: number[] = [];
for (const file of files) {
  const image = readFileSync(file);
  const t0 = performance.now();
  await worker.recognize(image);
  seconds.push((performance.now() - t0) / 1000);
}
await worker.terminate();
process.stdout.write(`${JSON.stringify({ node: process.version, core, seconds })}\n`);
