import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lineSplitter, runProgram } from '../child-process';
import { PageFileFeed } from '../page-file-feed';
import {
  nearestResolution,
  type ScanCapabilities,
  type ScanDevice,
  type ScanDriver,
  type ScanOptions,
  type ScanSink,
  type ScanSummary,
} from '../scan-driver';
import { ScanDriverUnavailableError, ScannerFailedError, ScannerOptionUnsupportedError } from '../scanner-errors';
import { parseWiaLine, wiaCapabilities, wiaError, type WiaEvent } from './wia-output';
import { capabilitiesScript, listDevicesScript, powershellArgs, scanScript } from './wia-script';

export interface WiaDriverConfig {
  /** Defaults to `powershell.exe` (Windows PowerShell 5.1, which every desk has). */
  powershellPath?: string;
  timeoutMs?: number;
}

/** Windows scanners through WIA's automation objects, driven by PowerShell. */
export class WiaDriver implements ScanDriver {
  readonly id = 'wia';
  private readonly command: string;

  constructor(private readonly config: WiaDriverConfig = {}) {
    this.command = config.powershellPath ?? 'powershell.exe';
  }

  private async events(script: string): Promise<WiaEvent[]> {
    const result = await runProgram(this.id, this.command, powershellArgs(script), { timeoutMs: this.config.timeoutMs ?? 60_000 });
    const events = result.stdout
      .split(/\r?\n/)
      .map(parseWiaLine)
      .filter((e): e is WiaEvent => e !== undefined);
    const error = events.find((e) => e.event === 'error');
    if (error) throw wiaError(error.hresult, error.message, 0);
    if (result.code !== 0)
      throw new ScannerFailedError(`PowerShell exited with code ${result.code}`, { stderr: result.stderr.trim().slice(-2000) });
    return events;
  }

  async listDevices(): Promise<ScanDevice[]> {
    const events = await this.events(listDevicesScript());
    return events.flatMap((e) =>
      e.event === 'device' ? [{ id: e.id, driver: this.id, name: e.name, ...(e.vendor ? { vendor: e.vendor } : {}) }] : [],
    );
  }

  async capabilities(deviceId: string): Promise<ScanCapabilities> {
    const caps = (await this.events(capabilitiesScript(deviceId))).find((e) => e.event === 'capabilities');
    if (!caps || caps.event !== 'capabilities') throw new ScannerFailedError('WIA gave no capabilities', { deviceId });
    return wiaCapabilities(caps);
  }

  async scan(deviceId: string, options: ScanOptions, sink: ScanSink, signal?: AbortSignal): Promise<ScanSummary> {
    if (signal?.aborted) return { pageCount: 0, cancelled: true };
    const caps = await this.capabilities(deviceId);
    if (!caps.sources.includes(options.source))
      throw new ScannerOptionUnsupportedError('source', { requested: options.source, offered: caps.sources });
    const dpi = nearestResolution(caps.resolutions, options.dpi);
    const dir = await mkdtemp(join(tmpdir(), 'sohoa-wia-'));
    try {
      return await this.run(scanScript(deviceId, options, dpi, dir), options, dpi, sink, signal);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Runs a scan script, handing each page to the sink as the script announces it. */
  run(script: string, options: ScanOptions, dpi: number, sink: ScanSink, signal?: AbortSignal): Promise<ScanSummary> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.command, powershellArgs(script), { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
      let reported: Extract<WiaEvent, { event: 'error' }> | undefined;
      let finished = false;
      let stderr = '';

      const feed = new PageFileFeed(child, sink, signal);

      const out = lineSplitter((line) => {
        const e = parseWiaLine(line);
        if (!e) return;
        if (e.event === 'page-start') sink.onProgress?.({ pageIndex: e.index });
        else if (e.event === 'page') {
          const { width, height } = e;
          feed.push(e.path, async (bytes) => ({
            format: 'png',
            bytes,
            dpi,
            colorMode: options.colorMode,
            widthPx: width,
            heightPx: height,
          }));
        } else if (e.event === 'error') reported = e;
        else if (e.event === 'done') finished = true;
      });
      child.stdout.setEncoding('utf8').on('data', (d: string) => out.push(d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
      child.on('error', (e: NodeJS.ErrnoException) => {
        void feed.settle();
        reject(e.code === 'ENOENT' ? new ScanDriverUnavailableError(this.id, { command: this.command }) : e);
      });
      child.on('close', (code) => {
        out.end();
        void feed.settle().then(() => {
          const { delivered } = feed;
          if (feed.failure !== undefined) return reject(feed.failure);
          if (feed.cancelled) return resolve({ pageCount: delivered, cancelled: true });
          if (reported) return reject(wiaError(reported.hresult, reported.message, delivered));
          if (!finished || code !== 0)
            return reject(
              new ScannerFailedError(`PowerShell exited with code ${code}`, { pagesDelivered: delivered, stderr: stderr.trim() }),
            );
          if (delivered === 0) return reject(new ScannerFailedError('the scanner returned no page', { pagesDelivered: 0 }));
          resolve({ pageCount: delivered, cancelled: false });
        });
      });
    });
  }
}
