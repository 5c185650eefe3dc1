import sharp from 'sharp';
import type { ScannerTestScanResult } from '../../shared/contract';
import { driverById, type ScanDriverSettings, scanDriversFor } from './drivers';
import type { ScannedPage, ScanOptions } from './scan-driver';
import { checkPaperFits } from './paper-fit';
import { ScanDriverUnavailableError, ScannerFailedError } from './scanner-errors';

/** Longest side of the preview a test scan answers with: enough to judge the page, small over the wire. */
const PREVIEW_PX = 900;

/** Scans one page with a profile's settings (a feeder is stopped after its first page) and answers it as a small JPEG; nothing is stored. */
export async function testScan(
  settings: ScanDriverSettings,
  driverId: string,
  deviceId: string,
  options: ScanOptions,
): Promise<ScannerTestScanResult> {
  const driver = driverById(scanDriversFor(settings), driverId);
  if (!driver) throw new ScanDriverUnavailableError(driverId);
  await checkPaperFits(driver, deviceId, options.pageSize);
  const stop = new AbortController();
  let first: ScannedPage | null = null;
  await driver.scan(
    deviceId,
    options,
    {
      onPage: (page) => {
        first ??= page;
        stop.abort();
      },
    },
    stop.signal,
  );
  const page = first as ScannedPage | null;
  if (!page) throw new ScannerFailedError('the scanner delivered no page', { deviceId });
  const image = sharp(page.bytes);
  const { width = 0, height = 0 } = await image.metadata();
  const preview = await image
    .resize({ width: PREVIEW_PX, height: PREVIEW_PX, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 80 })
    .toBuffer();
  return { previewBase64: preview.toString('base64'), widthPx: width, heightPx: height, dpi: page.dpi, colorMode: page.colorMode };
}
