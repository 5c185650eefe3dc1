import type { EngineHandlers } from '../../shared/contract';
import { testScan } from '../capture/test-scan';
import { scanDriverSettings } from '../desk/scan-into-document';
import type { ServiceContext } from './handler-context';

/** The Settings page's scanner profiles: a test scan with a profile's settings. */
export function scannerHandlers(ctx: ServiceContext): Pick<EngineHandlers, 'scanner.testScan'> {
  return {
    'scanner.testScan': ({ driver, deviceId, dpi, colorMode, source }) =>
      testScan(scanDriverSettings(ctx.store), driver, deviceId, { dpi, colorMode, source }),
  };
}
