import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveEnginePaths } from '../../src/core/ocr/engine-paths';
import { packagedTraineddata, parseLangs, prepareLanguageData } from '../../src/core/ocr/language-data';
import { tempDir } from '../support/temp-dir';

describe('OCR language data from the npm packages', () => {
  const dir = tempDir('sohoa-tessdata-');
  afterAll(() => dir.remove());

  it('takes the LSTM (best_int) data, not the package default, and unpacks it into one folder', () => {
    const vie = packagedTraineddata('vie', 'best_int');
    expect(vie).toMatch(/@tesseract\.js-data\/vie\/4\.0\.0_best_int\/vie\.traineddata\.gz$/);
    const packageDefault = (createRequire(import.meta.url)('@tesseract.js-data/vie') as { langPath: string }).langPath;
    expect(vie.startsWith(packageDefault + '/')).toBe(false);

    const folder = prepareLanguageData({ langs: ['vie', 'eng'], cacheDir: dir.path });
    expect(folder.startsWith(dir.path)).toBe(true);
    for (const lang of ['vie', 'eng']) {
      const unpacked = readFileSync(join(folder, `${lang}.traineddata`));
      expect(unpacked.equals(gunzipSync(readFileSync(packagedTraineddata(lang, 'best_int'))))).toBe(true);
    }
  });

  it('keeps the legacy+LSTM variant apart and does not unpack twice', () => {
    const legacy = prepareLanguageData({ langs: ['vie'], cacheDir: dir.path, variant: 'legacy' });
    const best = prepareLanguageData({ langs: ['vie'], cacheDir: dir.path });
    expect(legacy).not.toBe(best);
    expect(statSync(join(legacy, 'vie.traineddata')).size).not.toBe(statSync(join(best, 'vie.traineddata')).size);
    const before = statSync(join(best, 'vie.traineddata')).mtimeMs;
    prepareLanguageData({ langs: ['vie'], cacheDir: dir.path });
    expect(statSync(join(best, 'vie.traineddata')).mtimeMs).toBe(before);
  });

  it('reports a language that has no data package as a coded error', () => {
    expect(() => prepareLanguageData({ langs: ['xyz'], cacheDir: dir.path })).toThrowError(expect.objectContaining({ code: 'ocr.language-data-missing' }));
    expect(parseLangs('vie+eng')).toEqual(['vie', 'eng']);
  });

  it('resolves the worker script and engine core from node_modules', () => {
    const paths = resolveEnginePaths();
    expect(existsSync(paths.workerPath)).toBe(true);
    expect(existsSync(join(paths.corePath, 'tesseract-core-simd-lstm.wasm'))).toBe(true);
  });
});
