/** Reads one image file through the real tesseract.js driver and prints the page text as JSON: run as a child process, so its stderr can be read. */
import { readFileSync } from 'node:fs';
import { TesseractDriver } from '../../../src/core/ocr/tesseract-driver';

const worker = await new TesseractDriver({ variant: 'fast' }).startWorker();
try {
  process.stdout.write(`${JSON.stringify(await worker.recognize(readFileSync(process.argv[2]!)))}\n`);
} finally {
  await worker.terminate();
}
