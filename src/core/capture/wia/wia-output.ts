import type { CodedError } from '../../../shared/errors';
import type { ResolutionSupport, ScanCapabilities, ScanSource } from '../scan-driver';
import {
  ScannerBusyError,
  ScannerCoverOpenError,
  ScannerFailedError,
  ScannerFeederEmptyError,
  ScannerGoneError,
  ScannerJamError,
} from '../scanner-errors';
import { WIA_HANDLING } from './wia-script';

export type WiaEvent =
  | { event: 'device'; id: string; name: string; vendor?: string }
  | {
      event: 'capabilities';
      handling: number;
      resolution: { subType: number; min: number; max: number; step: number; values: number[]; current: number };
      bedMils: number[];
      feederMils: number[];
    }
  | { event: 'page-start'; index: number }
  | { event: 'page'; index: number; path: string; width: number; height: number }
  | { event: 'warning'; property: number; hresult: string }
  | { event: 'error'; hresult: string; message: string; index?: number }
  | { event: 'done'; pages?: number };

const PREFIX = 'SOHOA:';

/** One line of a WIA script's stdout as an event; other lines (PowerShell noise) are undefined. */
export function parseWiaLine(line: string): WiaEvent | undefined {
  const at = line.indexOf(PREFIX);
  if (at === -1) return undefined;
  try {
    const value = JSON.parse(line.slice(at + PREFIX.length)) as { event?: unknown };
    return typeof value?.event === 'string' ? (value as WiaEvent) : undefined;
  } catch {
    return undefined;
  }
}

/** WIA HRESULTs (wiadef.h), FACILITY_WIA = 33. */
export const WIA_ERROR = {
  general: 0x80210001,
  paperJam: 0x80210002,
  paperEmpty: 0x80210003,
  paperProblem: 0x80210004,
  offline: 0x80210005,
  busy: 0x80210006,
  warmingUp: 0x80210007,
  userIntervention: 0x80210008,
  itemDeleted: 0x80210009,
  deviceCommunication: 0x8021000a,
  invalidCommand: 0x8021000b,
  deviceLocked: 0x8021000d,
  noDeviceAvailable: 0x80210015,
  coverOpen: 0x80210016,
  lampOff: 0x80210017,
} as const;

/** The HRESULT in a script's report, or one found in an exception text ("HRESULT: 0x80210003"). */
export function hresultOf(hresult: string | undefined, message = ''): number | undefined {
  const inMessage = /0x8021[0-9a-f]{4}/i.exec(message);
  const parsed = hresult && /^0x[0-9a-f]{1,8}$/i.test(hresult) ? Number(hresult) >>> 0 : undefined;
  if (parsed !== undefined && parsed >>> 16 === 0x8021) return parsed;
  return inMessage ? Number(inMessage[0]) >>> 0 : parsed;
}

/** The coded error for a WIA failure. pagesDelivered tells an empty feeder at the start from the normal end. */
export function wiaError(hresult: string | undefined, message: string, pagesDelivered: number): CodedError {
  const code = hresultOf(hresult, message);
  const details = {
    hresult: code !== undefined ? `0x${code.toString(16).toUpperCase().padStart(8, '0')}` : hresult,
    pagesDelivered,
    message: message.split('\n')[0],
  };
  switch (code) {
    case WIA_ERROR.paperEmpty:
      return new ScannerFeederEmptyError(details);
    case WIA_ERROR.paperJam:
    case WIA_ERROR.paperProblem:
      return new ScannerJamError(details);
    case WIA_ERROR.busy:
    case WIA_ERROR.warmingUp:
    case WIA_ERROR.deviceLocked:
      return new ScannerBusyError(details);
    case WIA_ERROR.offline:
    case WIA_ERROR.noDeviceAvailable:
    case WIA_ERROR.deviceCommunication:
    case WIA_ERROR.itemDeleted:
      return new ScannerGoneError(details);
    case WIA_ERROR.coverOpen:
      return new ScannerCoverOpenError(details);
    default:
      return new ScannerFailedError(code === WIA_ERROR.general ? 'the scanner reported a general error' : 'WIA reported an error', details);
  }
}

export function wiaCapabilities(e: Extract<WiaEvent, { event: 'capabilities' }>): ScanCapabilities {
  const sources: ScanSource[] = [];
  if (e.handling & WIA_HANDLING.flatbed) sources.push('flatbed');
  if (e.handling & WIA_HANDLING.feeder) sources.push('adf');
  if (e.handling & WIA_HANDLING.duplex) sources.push('duplex');
  const r = e.resolution;
  const resolutions: ResolutionSupport =
    r.subType === 1
      ? { kind: 'range', min: r.min, max: r.max, step: r.step > 0 ? r.step : 1 }
      : { kind: 'list', values: r.values.length > 0 ? [...r.values].sort((a, b) => a - b) : [r.current || 300] };
  const [w = 0, h = 0] = [Math.max(e.bedMils[0] ?? 0, e.feederMils[0] ?? 0), Math.max(e.bedMils[1] ?? 0, e.feederMils[1] ?? 0)];
  return {
    resolutions,
    colorModes: ['color', 'gray', 'bw'],
    sources: sources.length > 0 ? sources : ['flatbed'],
    ...(w > 0 && h > 0 ? { maxArea: { widthMm: (w / 1000) * 25.4, heightMm: (h / 1000) * 25.4 } } : {}),
  };
}
