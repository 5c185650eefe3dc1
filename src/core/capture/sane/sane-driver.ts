import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lineSplitter, runProgram, stopProcess } from '../child-process';
import { PageFileFeed } from '../page-file-feed';
import { pnmToPng } from '../pnm';
import {
  nearestResolution,
  pageSizeOf,
  type ScanCapabilities,
  type ScanDevice,
  type ScanDriver,
  type ScanOptions,
  type ScanSink,
  type ScanSummary,
} from '../scan-driver';
import { ScanDriverUnavailableError, ScannerFeederEmptyError, ScannerFailedError, ScannerOptionUnsupportedError } from '../scanner-errors';
import { classifyScanimageExit } from './scanimage-errors';
import { DEVICE_LIST_FORMAT, describeSaneDevice, parseDeviceList, parseSaneOptions, type SaneDeviceOptions } from './scanimage-options';

export interface SaneDriverConfig {
  /** Defaults to `scanimage` on the PATH. */
  scanimagePath?: string;
  /** Added to the process environment, e.g. SANE_CONFIG_DIR. */
  env?: Record<string, string>;
  /** Backend options added to every scan, e.g. `['--test-picture', 'Grid']` or a site's quirks. */
  extraScanArgs?: string[];
  /** Device discovery can be slow on networks. Default 60 s. */
  listTimeoutMs?: number;
  /**
   * scanimage can hang after a device error (seen with the test backend's jam: the process never
   * exits). With no output for this long, the scan is stopped and reported. Default 60 s.
   */
  stallTimeoutMs?: number;
}

/** Linux scanners through SANE's `scanimage`. */
export class SaneDriver implements ScanDriver {
  readonly id = 'sane';
  private readonly command: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly config: SaneDriverConfig = {}) {
    this.command = config.scanimagePath ?? 'scanimage';
    this.env = { ...process.env, ...config.env };
  }

  async listDevices(): Promise<ScanDevice[]> {
    const result = await runProgram(this.id, this.command, ['-f', DEVICE_LIST_FORMAT], {
      env: this.env,
      timeoutMs: this.config.listTimeoutMs ?? 60_000,
    });
    if (result.code !== 0) throw new ScannerFailedError('could not list devices', { exitCode: result.code, stderr: result.stderr.trim() });
    return parseDeviceList(result.stdout, this.id);
  }

  async capabilities(deviceId: string): Promise<ScanCapabilities> {
    return (await this.deviceOptions(deviceId)).capabilities;
  }

  /** The device's options under the backend's own names. */
  async deviceOptions(deviceId: string): Promise<SaneDeviceOptions> {
    const result = await runProgram(this.id, this.command, ['-A', '-d', deviceId], {
      env: this.env,
      timeoutMs: this.config.listTimeoutMs ?? 60_000,
    });
    const outcome = classifyScanimageExit(result.code, result.stderr, deviceId);
    if (outcome.kind === 'error') throw outcome.error;
    return describeSaneDevice(parseSaneOptions(result.stdout));
  }

  async scan(deviceId: string, options: ScanOptions, sink: ScanSink, signal?: AbortSignal): Promise<ScanSummary> {
    if (signal?.aborted) return { pageCount: 0, cancelled: true };
    const device = await this.deviceOptions(deviceId);
    const { args, dpi } = buildScanArgs(device, options);
    const dir = await mkdtemp(join(tmpdir(), 'sohoa-sane-'));
    try {
      return await this.runBatch(
        deviceId,
        [...args, ...(this.config.extraScanArgs ?? []), `--batch=${join(dir, 'p%04d.pnm')}`],
        dpi,
        sink,
        signal,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private runBatch(deviceId: string, args: string[], dpi: number, sink: ScanSink, signal?: AbortSignal): Promise<ScanSummary> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.command, ['-d', deviceId, ...args], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      let scanning = 0;
      let stalled = false;
      let lastActivity = Date.now();
      const stallMs = this.config.stallTimeoutMs ?? 60_000;
      const watchdog = setInterval(
        () => {
          if (Date.now() - lastActivity < stallMs) return;
          stalled = true;
          stopProcess(child, 1000);
        },
        Math.min(1000, stallMs / 4),
      );

      const feed = new PageFileFeed(child, sink, signal);
      const toPage = async (bytes: Buffer) => {
        const { png, image } = await pnmToPng(bytes, dpi);
        return { format: 'png' as const, bytes: png, dpi, colorMode: image.colorMode, widthPx: image.width, heightPx: image.height };
      };

      const out = lineSplitter((line) => {
        if (line.trim() !== '') feed.push(line.trim(), toPage);
      });
      const err = lineSplitter((line) => {
        const started = /^Scanning page (\d+)/.exec(line);
        if (started) {
          scanning = Number(started[1]) - 1;
          sink.onProgress?.({ pageIndex: scanning });
        }
        const progress = /^Progress: ([\d.]+)%/.exec(line);
        if (progress) sink.onProgress?.({ pageIndex: scanning, fraction: Number(progress[1]) / 100 });
        if (!line.startsWith('Progress:')) stderr = (stderr + line + '\n').slice(-16_384);
      });
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        lastActivity = Date.now();
        out.push(d);
      });
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        lastActivity = Date.now();
        err.push(d);
      });
      child.on('error', (e: NodeJS.ErrnoException) => {
        clearInterval(watchdog);
        void feed.settle();
        reject(e.code === 'ENOENT' ? new ScanDriverUnavailableError(this.id, { command: this.command }) : e);
      });
      child.on('close', (code) => {
        clearInterval(watchdog);
        out.end();
        err.end();
        void feed.settle().then(() => {
          const { delivered } = feed;
          if (feed.failure !== undefined) return reject(feed.failure);
          if (feed.cancelled) return resolve({ pageCount: delivered, cancelled: true });
          const outcome = classifyScanimageExit(code, stderr, deviceId, delivered);
          if (outcome.kind === 'error') return reject(outcome.error);
          if (stalled)
            return reject(new ScannerFailedError('the scanner stopped responding', { deviceId, pagesDelivered: delivered, stderr }));
          if (delivered === 0) {
            return reject(
              outcome.kind === 'feeder-ran-out'
                ? new ScannerFeederEmptyError({ deviceId })
                : new ScannerFailedError('the scanner returned no page', { deviceId, stderr }),
            );
          }
          resolve({ pageCount: delivered, cancelled: false });
        });
      });
    });
  }
}

/** The scanimage arguments for a scan (without device and batch file), and the dpi it will use. */
export function buildScanArgs(device: SaneDeviceOptions, options: ScanOptions): { args: string[]; dpi: number } {
  const args: string[] = ['--format=pnm', '--batch-print', '-p'];
  const caps = device.capabilities;
  const sourceName = device.sourceNames[options.source];
  if (device.options.has('--source')) {
    if (!sourceName) throw new ScannerOptionUnsupportedError('source', { requested: options.source, offered: caps.sources });
    args.push('--source', sourceName);
  } else if (options.source !== 'flatbed') {
    throw new ScannerOptionUnsupportedError('source', { requested: options.source, offered: caps.sources });
  }
  if (options.source === 'flatbed') args.push('--batch-count=1');

  const mode = modeArgs(device, options);
  args.push(...mode);

  const dpi = nearestResolution(caps.resolutions, options.dpi);
  if (device.options.has('--resolution')) args.push('--resolution', String(dpi));

  const size = pageSizeOf(options);
  const width = caps.maxArea ? Math.min(size.widthMm, caps.maxArea.widthMm) : size.widthMm;
  const height = caps.maxArea ? Math.min(size.heightMm, caps.maxArea.heightMm) : size.heightMm;
  if (device.options.has('-x')) args.push('-x', String(width), '-y', String(height));
  for (const [option, value] of [
    ['--page-width', width],
    ['--page-height', height],
  ] as const) {
    const o = device.options.get(option);
    if (o && !o.inactive) args.push(option, String(value));
  }
  return { args, dpi };
}

function modeArgs(device: SaneDeviceOptions, options: ScanOptions): string[] {
  const depth = device.options.get('--depth');
  const depthArg = (bits: string): string[] =>
    depth && depth.values.kind === 'list' && depth.values.items.includes(bits) ? ['--depth', bits] : [];
  const name = device.modeNames[options.colorMode];
  if (name) return ['--mode', name, ...(options.colorMode === 'bw' ? [] : depthArg('8'))];
  if (options.colorMode === 'bw' && device.bwByDepth && device.modeNames.gray) return ['--mode', device.modeNames.gray, '--depth', '1'];
  if (!device.options.has('--mode') && options.colorMode !== 'bw') return depthArg('8');
  throw new ScannerOptionUnsupportedError('colour mode', { requested: options.colorMode, offered: device.capabilities.colorModes });
}
