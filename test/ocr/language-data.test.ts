import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveEnginePaths } from '../../src/core/ocr/engine-paths';
import { defaultFastModelDir, packagedTraineddata, parseLangs, prepareLanguageData } from '../../src/core/ocr/language-data';
import { tempDir } from '../support/temp-dir';

describe('OCR language data from the npm packages', () => {
  const dir = tempDir('sohoa-tessdata-');
  afterAll(() => dir.remove());

  it('takes the LSTM (best_int) data, not the package default, and unpacks it into one folder', () => {
    const vie = packagedTraineddata('vie', 'best_int');
    expect(vie).toMatch(/@tesseract\.js-data\/vie\/4\.0\.0_best_int\/vie\.traineddata\.gz$/);
    const packageDefault = (createRequire(import.meta.url)('@tesseract.js-data/vie') as { langPath: string }).langPath;
    expect(vie.startsWith(packageDefault + '/')).toBe(false);

    const folder = prepareLanguageData({ langs: ['vie', 'eng'], cacheDir: dir.path, variant: 'best_int' });
    expect(folder.startsWith(dir.path)).toBe(true);
    for (const lang of ['vie', 'eng']) {
      const unpacked = readFileSync(join(folder, `${lang}.traineddata`));
      expect(unpacked.equals(gunzipSync(readFileSync(packagedTraineddata(lang, 'best_int'))))).toBe(true);
    }
  });

  it('keeps the legacy+LSTM variant apart and does not unpack twice', () => {
    const legacy = prepareLanguageData({ langs: ['vie'], cacheDir: dir.path, variant: 'legacy' });
    const best = prepareLanguageData({ langs: ['vie'], cacheDir: dir.path, variant: 'best_int' });
    expect(legacy).not.toBe(best);
    expect(statSync(join(legacy, 'vie.traineddata')).size).not.toBe(statSync(join(best, 'vie.traineddata')).size);
    const before = statSync(join(best, 'vie.traineddata')).mtimeMs;
    prepareLanguageData({ langs: ['vie'], cacheDir: dir.path, variant: 'best_int' });
    expect(statSync(join(best, 'vie.traineddata')).mtimeMs).toBe(before);
  });

  it('reads the fast models shipped in resources/ocr by default, in place, and names a missing one', () => {
    const folder = prepareLanguageData({ langs: ['vie', 'eng'], cacheDir: dir.path });
    expect(folder).toBe(defaultFastModelDir());
    expect(folder.endsWith(join('resources', 'ocr'))).toBe(true);
    const fast = statSync(join(folder, 'vie.traineddata')).size;
    const best = gunzipSync(readFileSync(packagedTraineddata('vie', 'best_int'))).length;
    // tessdata_fast's Vietnamese model is the small integer LSTM (~0.5 MB), best_int's several times larger.
    expect(fast).toBeLessThan(best / 2);
    expect(readFileSync(join(folder, 'README.md'), 'utf8')).toContain('Apache');
    expect(() => prepareLanguageData({ langs: ['vie'], fastModelDir: dir.path })).toThrowError(
      expect.objectContaining({ code: 'ocr.language-data-missing' }),
    );
  });

  it('reports a language that has no data package as a coded error', () => {
    expect(() => prepareLanguageData({ langs: ['xyz'], cacheDir: dir.path, variant: 'best_int' })).toThrowError(
      expect.objectContaining({ code: 'ocr.language-data-missing' }),
    );
    expect(parseLangs('vie+eng')).toEqual(['vie', 'eng']);
  });

  it('resolves the worker script and engine core from node_modules', () => {
    const paths = resolveEnginePaths();
    expect(existsSync(paths.workerPath)).toBe(true);
    expect(existsSync(join(paths.corePath, 'tesseract-core-simd-lstm.wasm'))).toBe(true);
  });
});
