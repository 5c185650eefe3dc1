import sharp from 'sharp';
import type { CodedError } from '../../../shared/errors';
import {
  nearestResolution,
  type PageImageFormat,
  type ScanCapabilities,
  type ScanDevice,
  type ScanDriver,
  type ScanOptions,
  type ScanSink,
  type ScanSummary,
} from '../scan-driver';
import {
  ScannedImageCorruptError,
  ScannerBusyError,
  ScannerCoverOpenError,
  ScannerFailedError,
  ScannerFeederEmptyError,
  ScannerGoneError,
  ScannerJamError,
  ScannerJobLostError,
  ScannerOptionUnsupportedError,
} from '../scanner-errors';
import {
  esclJobRequest,
  parseEsclCapabilities,
  parseEsclStatus,
  scanSettingsXml,
  toScanCapabilities,
  type EsclCapabilities,
  type EsclStatus,
} from './escl-documents';
import { XmlParseError } from './escl-xml';

export interface EsclDriverConfig {
  /** Scanners the user gave by address: `192.168.1.20`, `scanner.local:8080`, `https://host/eSCL`. */
  addresses: string[];
  /** Per request; NextDocument waits for the paper to go through. Default 120 s. */
  timeoutMs?: number;
  /** How long listDevices waits for each address. Default 5 s. */
  listTimeoutMs?: number;
  /** How often a 503 (busy, or page not ready) is retried, and how long to wait. Defaults 20 × 500 ms. */
  retries?: number;
  retryDelayMs?: number;
}

/** The eSCL root URL for an address the user typed. */
export function esclBaseUrl(address: string): string {
  const trimmed = address.trim();
  const url = new URL(/^https?:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path === '' ? '/eSCL' : path}`;
}

const IMAGE_FORMATS: Record<string, PageImageFormat> = { 'image/jpeg': 'jpeg', 'image/png': 'png' };

/** Network scanners speaking eSCL (AirScan, Mopria), reached over HTTP. */
export class EsclDriver implements ScanDriver {
  readonly id = 'escl';

  constructor(private readonly config: EsclDriverConfig) {}

  async listDevices(): Promise<ScanDevice[]> {
    const found = await Promise.all(
      this.config.addresses.map(async (address): Promise<ScanDevice | undefined> => {
        const base = esclBaseUrl(address);
        try {
          const caps = await this.esclCapabilities(base, AbortSignal.timeout(this.config.listTimeoutMs ?? 5000));
          const name = caps.makeAndModel ?? new URL(base).host;
          return { id: base, driver: this.id, name, model: name, kind: 'eSCL scanner' };
        } catch {
          return undefined; // switched off, unreachable, or not an eSCL device
        }
      }),
    );
    return found.filter((d): d is ScanDevice => d !== undefined);
  }

  async capabilities(deviceId: string): Promise<ScanCapabilities> {
    return toScanCapabilities(await this.esclCapabilities(esclBaseUrl(deviceId)));
  }

  async esclCapabilities(base: string, signal?: AbortSignal): Promise<EsclCapabilities> {
    const res = await this.request(base, `${base}/ScannerCapabilities`, { method: 'GET' }, signal);
    if (!res.ok) throw this.httpError(base, 'ScannerCapabilities', res.status);
    return readDocument(base, 'ScannerCapabilities', await res.text(), parseEsclCapabilities);
  }

  async status(base: string, signal?: AbortSignal): Promise<EsclStatus> {
    const res = await this.request(base, `${base}/ScannerStatus`, { method: 'GET' }, signal);
    if (!res.ok) throw this.httpError(base, 'ScannerStatus', res.status);
    return readDocument(base, 'ScannerStatus', await res.text(), parseEsclStatus);
  }

  async scan(deviceId: string, options: ScanOptions, sink: ScanSink, signal?: AbortSignal): Promise<ScanSummary> {
    if (signal?.aborted) return { pageCount: 0, cancelled: true };
    const base = esclBaseUrl(deviceId);
    try {
      return await this.runJob(base, options, sink, signal);
    } catch (err) {
      if (signal?.aborted) return { pageCount: 0, cancelled: true };
      throw err;
    }
  }

  private async runJob(base: string, options: ScanOptions, sink: ScanSink, signal?: AbortSignal): Promise<ScanSummary> {
    const caps = await this.esclCapabilities(base, signal);
    const input = caps.sources[options.source];
    if (!input) throw new ScannerOptionUnsupportedError('source', { requested: options.source, offered: Object.keys(caps.sources) });
    if (!input.colorModes.has(options.colorMode))
      throw new ScannerOptionUnsupportedError('colour mode', { requested: options.colorMode, offered: [...input.colorModes.keys()] });
    const format = pickFormat(input.formats, options);
    const dpi = nearestResolution(input.resolutions, options.dpi);
    const body = scanSettingsXml(esclJobRequest(options, input, dpi, format, caps.version ?? '2.0'));

    const jobUrl = await this.createJob(base, body, signal);
    let delivered = 0;
    try {
      for (;;) {
        if (signal?.aborted) break;
        sink.onProgress?.({ pageIndex: delivered });
        const page = await this.nextDocument(base, jobUrl, signal);
        if (!page) break;
        const bytes = Buffer.from(await page.arrayBuffer());
        const type = (page.headers.get('content-type') ?? format).split(';')[0]!.trim().toLowerCase();
        const pageFormat = IMAGE_FORMATS[type];
        if (!pageFormat) throw new ScannedImageCorruptError(`unexpected document type ${type}`, { deviceId: base });
        const meta = await sharp(bytes)
          .metadata()
          .catch((err: unknown) => {
            throw new ScannedImageCorruptError(err instanceof Error ? err.message : String(err), { deviceId: base, page: delivered });
          });
        if (signal?.aborted) break;
        await sink.onPage({
          index: delivered,
          format: pageFormat,
          bytes,
          dpi,
          colorMode: options.colorMode,
          widthPx: meta.width,
          heightPx: meta.height,
        });
        delivered++;
      }
    } catch (err) {
      if (signal?.aborted) return this.cancelled(jobUrl, delivered);
      await this.deleteJob(jobUrl);
      throw err;
    }
    if (signal?.aborted) return this.cancelled(jobUrl, delivered);

    const problem = await this.endProblem(base, jobUrl, options, delivered);
    if (problem) throw problem;
    return { pageCount: delivered, cancelled: false };
  }

  private async cancelled(jobUrl: string, delivered: number): Promise<ScanSummary> {
    await this.deleteJob(jobUrl);
    return { pageCount: delivered, cancelled: true };
  }

  private async createJob(base: string, body: string, signal?: AbortSignal): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const res = await this.request(
        base,
        `${base}/ScanJobs`,
        { method: 'POST', body, headers: { 'content-type': 'text/xml; charset=utf-8' } },
        signal,
      );
      await res.arrayBuffer();
      if (res.status === 201 || res.status === 200) {
        const location = res.headers.get('location');
        if (!location) throw new ScannerFailedError('the scanner created a job without a location', { deviceId: base });
        return `${new URL(base).origin}${new URL(location, base).pathname.replace(/\/+$/, '')}`;
      }
      if (res.status === 503 && attempt < (this.config.retries ?? 20)) {
        await delay(this.config.retryDelayMs ?? 500, signal);
        continue;
      }
      if (res.status === 503) throw new ScannerBusyError({ deviceId: base, httpStatus: res.status });
      const fromStatus = await this.statusProblem(base, undefined, 0).catch(() => undefined);
      throw fromStatus ?? this.httpError(base, 'ScanJobs', res.status);
    }
  }

  /** The next page, or undefined when the job has no more. */
  private async nextDocument(base: string, jobUrl: string, signal?: AbortSignal): Promise<Response | undefined> {
    for (let attempt = 0; ; attempt++) {
      const res = await this.request(base, `${jobUrl}/NextDocument`, { method: 'GET' }, signal);
      if (res.status === 200) return res;
      await res.arrayBuffer();
      if (res.status === 404 || res.status === 410) return undefined;
      if (res.status === 503 && attempt < (this.config.retries ?? 20)) {
        await delay(this.config.retryDelayMs ?? 500, signal);
        continue;
      }
      if (res.status === 503) throw new ScannerBusyError({ deviceId: base, httpStatus: res.status });
      throw this.httpError(base, 'NextDocument', res.status);
    }
  }

  /** After NextDocument said "no more": was that the end of the paper, or did something go wrong? */
  private async endProblem(base: string, jobUrl: string, options: ScanOptions, delivered: number): Promise<CodedError | undefined> {
    const problem = await this.statusProblem(base, jobUrl, delivered, options);
    if (problem) return problem;
    if (delivered === 0) return new ScannerFailedError('the scanner returned no page', { deviceId: base });
    return undefined;
  }

  private async statusProblem(
    base: string,
    jobUrl: string | undefined,
    delivered: number,
    options?: ScanOptions,
  ): Promise<CodedError | undefined> {
    const status = await this.status(base);
    const details = { deviceId: base, pagesDelivered: delivered, adfState: status.adfState };
    const job = jobUrl ? status.jobs.find((j) => jobUrl.endsWith(j.uri.replace(/\/+$/, ''))) : undefined;
    if (status.adfState === 'ScannerAdfJam') return new ScannerJamError(details);
    if (status.adfState === 'ScannerAdfDoorOpen') return new ScannerCoverOpenError(details);
    const feeder = options ? options.source !== 'flatbed' : true;
    if (delivered === 0 && feeder && status.adfState === 'ScannerAdfEmpty') return new ScannerFeederEmptyError(details);
    if (!jobUrl) return status.state === 'Processing' ? new ScannerBusyError(details) : undefined;
    if (!job) {
      // The device dropped the job: lost, unless it had finished and paper is no longer waiting.
      if (delivered === 0 || (feeder && status.adfState === 'ScannerAdfLoaded')) return new ScannerJobLostError({ ...details, jobUrl });
      return undefined;
    }
    if (job.state === 'Aborted' || (job.state === 'Canceled' && delivered === 0))
      return new ScannerJobLostError({ ...details, jobUrl, jobState: job.state, reasons: job.reasons });
    return undefined;
  }

  private async deleteJob(jobUrl: string): Promise<void> {
    try {
      const res = await fetch(jobUrl, { method: 'DELETE', signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
    } catch {
      // Best effort: the device drops stale jobs itself.
    }
  }

  private async request(base: string, url: string, init: RequestInit, signal?: AbortSignal): Promise<Response> {
    const timeout = AbortSignal.timeout(this.config.timeoutMs ?? 120_000);
    try {
      return await fetch(url, { ...init, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new ScannerGoneError({ deviceId: base, url, cause: err instanceof Error ? String(err.cause ?? err.message) : String(err) });
    }
  }

  private httpError(base: string, what: string, status: number): CodedError {
    if (status === 503) return new ScannerBusyError({ deviceId: base, httpStatus: status });
    if (status === 404 && what === 'ScannerCapabilities') return new ScannerGoneError({ deviceId: base, httpStatus: status });
    return new ScannerFailedError(`${what} answered HTTP ${status}`, { deviceId: base, httpStatus: status });
  }
}

function readDocument<T>(base: string, what: string, xml: string, parse: (xml: string) => T): T {
  try {
    return parse(xml);
  } catch (err) {
    if (!(err instanceof XmlParseError)) throw err;
    throw new ScannerFailedError(`the scanner sent an unreadable ${what}`, { deviceId: base, reason: err.message });
  }
}

function pickFormat(formats: string[], options: ScanOptions): string {
  const has = (f: string): boolean => formats.includes(f);
  if (options.colorMode === 'bw' && has('image/png')) return 'image/png';
  if (has('image/jpeg')) return 'image/jpeg';
  if (has('image/png')) return 'image/png';
  throw new ScannerOptionUnsupportedError('document format', { offered: formats });
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
