import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Page sizes the test backend is configured for, in mm: large enough for A4 and A3 widths. */
export const TEST_GEOMETRY_MAX_MM = 300;
/** The test backend's feeder "runs out" after this many pages (sane-backends test.c). */
export const TEST_ADF_PAGES = 10;
/** Side of one square of the test backend's Grid picture. */
export const GRID_SQUARE_MM = 10;

/** A SANE_CONFIG_DIR enabling only the `test` virtual backend. */
export async function makeSaneTestConfig(): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'sohoa-sane-conf-'));
  await writeFile(join(dir, 'dll.conf'), 'test\n');
  await writeFile(join(dir, 'test.conf'), `geometry_max ${TEST_GEOMETRY_MAX_MM}.0\n`);
  return { env: { SANE_CONFIG_DIR: dir }, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Points the workstation's SANE driver (setting `scanner.drivers`) at this test configuration: its
 * scans show `picture` (the backend's Grid unless said), with any further scanimage arguments.
 */
export function useSaneTestScanner(
  settings: { set(key: string, value: string): void },
  env: Record<string, string>,
  picture = 'Grid',
  extraArgs: string[] = [],
): void {
  settings.set('scanner.drivers', JSON.stringify({ sane: { env, extraScanArgs: ['--test-picture', picture, ...extraArgs] } }));
}
