/**
 * One small interface for every scanner, after NAPS2's IScanDriver: list the devices,
 * ask one what it can do, scan with it. One implementation per platform (SANE, eSCL, WIA).
 */

export type ColorMode = 'color' | 'gray' | 'bw';
export type ScanSource = 'flatbed' | 'adf' | 'duplex';
export type PageImageFormat = 'png' | 'jpeg';

/** A physical page size in millimetres. */
export interface PageSize {
  widthMm: number;
  heightMm: number;
}

export const PAGE_SIZES = {
  A3: { widthMm: 297, heightMm: 420 },
  A4: { widthMm: 210, heightMm: 297 },
  A5: { widthMm: 148, heightMm: 210 },
  Letter: { widthMm: 215.9, heightMm: 279.4 },
  Legal: { widthMm: 215.9, heightMm: 355.6 },
} as const satisfies Record<string, PageSize>;

export interface ScanDevice {
  /** Stable id within its driver (SANE device name, eSCL base URL, WIA DeviceID). */
  id: string;
  driver: string;
  name: string;
  vendor?: string;
  model?: string;
  /** What the device says it is, e.g. 'flatbed scanner'. */
  kind?: string;
}

export type ResolutionSupport = { kind: 'list'; values: number[] } | { kind: 'range'; min: number; max: number; step: number };

export interface ScanCapabilities {
  resolutions: ResolutionSupport;
  colorModes: ColorMode[];
  sources: ScanSource[];
  /** Largest scan area, when the device says. */
  maxArea?: PageSize;
}

export interface ScanOptions {
  /** Dots per inch, both directions. */
  dpi: number;
  colorMode: ColorMode;
  source: ScanSource;
  /** Defaults to A4. */
  pageSize?: PageSize;
}

export interface ScannedPage {
  /** 0-based, in the order the pages came out of the scanner. */
  index: number;
  format: PageImageFormat;
  bytes: Buffer;
  dpi: number;
  colorMode: ColorMode;
  widthPx?: number;
  heightPx?: number;
}

export interface ScanProgress {
  /** 0-based index of the page being scanned. */
  pageIndex: number;
  /** 0..1 within that page, when the driver knows. */
  fraction?: number;
}

export interface ScanSink {
  onPage(page: ScannedPage): void | Promise<void>;
  onProgress?(progress: ScanProgress): void;
}

export interface ScanSummary {
  /** Pages handed to the sink. */
  pageCount: number;
  /** True when the scan stopped because the signal was aborted. */
  cancelled: boolean;
}

export interface ScanDriver {
  readonly id: string;
  listDevices(): Promise<ScanDevice[]>;
  capabilities(deviceId: string): Promise<ScanCapabilities>;
  /**
   * Scans until the source is done: one page from the flatbed, the whole stack from a
   * feeder. Pages reach the sink one by one, in order, as they are scanned; the sink's
   * promise is awaited before the next page is handed over. A feeder that runs out after
   * at least one page is a normal end; one that is empty from the start is a
   * ScannerFeederEmptyError. Aborting the signal stops the device and resolves with
   * `cancelled: true`; pages already handed over stay handed over.
   */
  scan(deviceId: string, options: ScanOptions, sink: ScanSink, signal?: AbortSignal): Promise<ScanSummary>;
}

export function pageSizeOf(options: ScanOptions): PageSize {
  return options.pageSize ?? PAGE_SIZES.A4;
}

/** The resolution the device will use for a request: the nearest it offers. */
export function nearestResolution(support: ResolutionSupport, dpi: number): number {
  if (support.kind === 'range') {
    const clamped = Math.min(support.max, Math.max(support.min, dpi));
    const stepped = Math.round((clamped - support.min) / support.step) * support.step + support.min;
    return stepped > support.max ? stepped - support.step : stepped;
  }
  return support.values.reduce((best, v) => (Math.abs(v - dpi) < Math.abs(best - dpi) ? v : best), support.values[0] ?? dpi);
}
