import type { ErrorData } from '../../shared/errors';
import { CodedError } from '../../shared/errors';
import { EsclDriver, type EsclDriverConfig } from './escl/escl-driver';
import { SaneDriver, type SaneDriverConfig } from './sane/sane-driver';
import type { ScanDevice, ScanDriver } from './scan-driver';
import { WiaDriver, type WiaDriverConfig } from './wia/wia-driver';

/** Which scan drivers a workstation uses; a driver set to false is left out. */
export interface ScanDriverSettings {
  platform?: NodeJS.Platform;
  sane?: SaneDriverConfig | false;
  wia?: WiaDriverConfig | false;
  /** Network scanners the user added by address. */
  escl?: Omit<EsclDriverConfig, 'addresses'> & { addresses: string[] };
}

/** The drivers that make sense here: WIA on Windows, SANE elsewhere, eSCL wherever scanners were added by address. */
export function scanDriversFor(settings: ScanDriverSettings = {}): ScanDriver[] {
  const platform = settings.platform ?? process.platform;
  const drivers: ScanDriver[] = [];
  if (platform === 'win32' && settings.wia !== false) drivers.push(new WiaDriver(settings.wia ?? {}));
  if (platform !== 'win32' && settings.sane !== false) drivers.push(new SaneDriver(settings.sane ?? {}));
  if (settings.escl && settings.escl.addresses.length > 0) drivers.push(new EsclDriver(settings.escl));
  return drivers;
}

export function driverById(drivers: ScanDriver[], id: string): ScanDriver | undefined {
  return drivers.find((d) => d.id === id);
}

/** Devices of every driver; a driver that fails is reported, and does not hide the others. */
export async function listAllDevices(
  drivers: ScanDriver[],
): Promise<{ devices: ScanDevice[]; failures: { driver: string; error: ErrorData }[] }> {
  const results = await Promise.allSettled(drivers.map((d) => d.listDevices()));
  const devices: ScanDevice[] = [];
  const failures: { driver: string; error: ErrorData }[] = [];
  results.forEach((r, i) => {
    const driver = drivers[i]!.id;
    if (r.status === 'fulfilled') devices.push(...r.value);
    else
      failures.push({
        driver,
        error: r.reason instanceof CodedError ? r.reason.toData() : { code: 'scanner.failed', message: String(r.reason) },
      });
  });
  return { devices, failures };
}
