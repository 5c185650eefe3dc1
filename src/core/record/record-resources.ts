import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Files shipped with the app that records need; the caller may point elsewhere. */
export interface RecordResourcePaths {
  srgbIcc: string;
  textFont: string;
  stampFont: string;
}

export function defaultRecordResourcePaths(): RecordResourcePaths {
  const require = createRequire(import.meta.url);
  return {
    srgbIcc: `${here}../../../resources/icc/sRGB.icc`,
    textFont: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
    stampFont: `${here}../../../resources/fonts/LiberationSerif-Regular.ttf`,
  };
}

export async function readResource(path: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(path));
}
