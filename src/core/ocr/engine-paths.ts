import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Files of the tesseract.js engine. In the packaged app these must point at unpacked copies
 * (outside the asar archive); `resolveFrom` lets the caller resolve them from the app's folder.
 */
export interface OcrEnginePaths {
  /** Node worker_threads script of tesseract.js. */
  workerPath: string;
  /** Folder of tesseract.js-core (the .wasm builds). tesseract.js's Node worker requires the core
   * module by name, so this is informative there; it is what a browser-style worker would load. */
  corePath: string;
}

export function resolveEnginePaths(resolveFrom: string = import.meta.url): OcrEnginePaths {
  const require = createRequire(resolveFrom);
  const tesseractRoot = dirname(require.resolve('tesseract.js/package.json'));
  const coreRequire = createRequire(join(tesseractRoot, 'package.json'));
  return {
    workerPath: join(tesseractRoot, 'src', 'worker-script', 'node', 'index.js'),
    corePath: dirname(coreRequire.resolve('tesseract.js-core/package.json')),
  };
}
