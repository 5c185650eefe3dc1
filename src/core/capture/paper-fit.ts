import type { PageSize, ScanDriver } from './scan-driver';
import { ScannerPaperTooLargeError } from './scanner-errors';

/** Rounding in what devices report (SANE gives 215.872 mm for Letter-wide beds). */
const TOLERANCE_MM = 0.5;

/** Refuses a page larger than the device's scan area, when the device says its area; a page that fits, or no size asked, passes. */
export async function checkPaperFits(driver: ScanDriver, deviceId: string, pageSize: PageSize | undefined): Promise<void> {
  if (!pageSize) return;
  const { maxArea } = await driver.capabilities(deviceId);
  if (!maxArea) return;
  if (pageSize.widthMm > maxArea.widthMm + TOLERANCE_MM || pageSize.heightMm > maxArea.heightMm + TOLERANCE_MM)
    throw new ScannerPaperTooLargeError(deviceId, pageSize, maxArea);
}
