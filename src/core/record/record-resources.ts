import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The app's resources folder, found upwards from this module: `<repo>/resources` from src/core/record in
 * development and from out/main(/chunks) in the build, `<resourcesPath>/resources` (extraResources) from
 * inside app.asar when packaged. A fixed relative path fits only one of these layouts.
 */
function resourcesDir(): string {
  const start = fileURLToPath(new URL('.', import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'resources', 'icc', 'sRGB.icc'))) return join(dir, 'resources');
    if (dirname(dir) === dir) return join(start, '..', '..', '..', 'resources');
  }
}

/** Files shipped with the app that records need; the caller may point elsewhere. */
export interface RecordResourcePaths {
  srgbIcc: string;
  textFont: string;
  /** The invisible OCR text layer's font (resources/fonts/README.md). */
  glyphlessFont: string;
  stampFont: string;
}

export function defaultRecordResourcePaths(): RecordResourcePaths {
  const require = createRequire(import.meta.url);
  return {
    srgbIcc: join(resourcesDir(), 'icc', 'sRGB.icc'),
    textFont: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
    glyphlessFont: join(resourcesDir(), 'fonts', 'GlyphLessFont.ttf'),
    stampFont: join(resourcesDir(), 'fonts', 'LiberationSerif-Regular.ttf'),
  };
}

export async function readResource(path: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(path));
}
