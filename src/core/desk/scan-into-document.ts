import { CodedError } from '../../shared/errors';
import type { ScanResult, ScannerDevice } from '../../shared/types';
import { driverById, listAllDevices, scanDriversFor, type ScanDriverSettings } from '../capture/drivers';
import { checkPaperFits } from '../capture/paper-fit';
import type { ScanOptions } from '../capture/scan-driver';
import { ScanDriverUnavailableError } from '../capture/scanner-errors';
import type { EventBus } from '../event-bus';
import { addCapturedPages } from '../intake/page-intake';
import { readSetting } from '../settings/read-setting';
import type { Store } from '../store/store';
import { ScanInProgressError } from './desk-errors';

/** The workstation's scanner settings: `scanner.drivers` holds ScanDriverSettings as JSON (e.g. SANE's env and extra args). */
export function scanDriverSettings(store: Store): ScanDriverSettings {
  return readSetting(store.settings, 'scanner.drivers') as ScanDriverSettings;
}

export async function listScanners(
  store: Store,
): Promise<{ devices: ScannerDevice[]; failures: { driver: string; code: string; message: string }[] }> {
  const { devices, failures } = await listAllDevices(scanDriversFor(scanDriverSettings(store)));
  return {
    devices: devices.map((d) => ({ driver: d.driver, id: d.id, name: [d.vendor, d.model].filter(Boolean).join(' ') || d.name })),
    failures: failures.map((f) => ({ driver: f.driver, code: f.error.code, message: f.error.message })),
  };
}

export interface ScanRequest {
  documentId: number;
  dossierId: number;
  driver: string;
  deviceId: string;
  options: ScanOptions;
}

/**
 * Scans into a document, page by page as the scanner delivers them: each page is stored and
 * queued for clean-up before the next one comes. A scan that stops early (paper jam, device
 * unplugged, cancelled) keeps the pages it delivered and says why it stopped.
 */
export async function scanIntoDocument(
  store: Store,
  events: EventBus,
  running: Map<number, AbortController>,
  req: ScanRequest,
): Promise<ScanResult> {
  const driver = driverById(scanDriversFor(scanDriverSettings(store)), req.driver);
  if (!driver) throw new ScanDriverUnavailableError(req.driver);
  if (running.has(req.documentId)) throw new ScanInProgressError(req.documentId);
  const abort = new AbortController();
  running.set(req.documentId, abort);
  const result: ScanResult = { added: [], duplicates: [], cancelled: false, error: null };
  const task = `scan:${req.documentId}`;
  try {
    await checkPaperFits(driver, req.deviceId, req.options.pageSize);
    const summary = await driver.scan(
      req.deviceId,
      req.options,
      {
        onPage: async (page) => {
          const added = await addCapturedPages(store, req.documentId, [
            { source: `${req.driver}:${req.deviceId}#${page.index + 1}`, bytes: page.bytes },
          ]);
          result.added.push(...added.added);
          result.duplicates.push(...added.duplicates);
          events.emit('progress', { task, label: 'scan', done: page.index + 1, total: 0 });
          events.emit('dossier.changed', { id: req.dossierId });
        },
      },
      abort.signal,
    );
    result.cancelled = summary.cancelled;
  } catch (e) {
    if (!(e instanceof CodedError)) throw e;
    result.error = { code: e.code, message: e.message };
  } finally {
    running.delete(req.documentId);
  }
  return result;
}
