import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM_PATHS = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'];

/** Debian's Chromium, headless; playwright never downloads a browser here. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const executablePath = CHROMIUM_PATHS.find((p) => existsSync(p));
  if (!executablePath) throw new Error(`Chromium not found at ${CHROMIUM_PATHS.join(' or ')}: run test/setup/system-packages.sh`);
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--lang=vi-VN',
      ...extraArgs,
    ],
  });
}
