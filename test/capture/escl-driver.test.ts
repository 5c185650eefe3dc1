import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EsclDriver, esclBaseUrl } from '../../src/core/capture/escl/escl-driver';
import { PAGE_SIZES, type ScannedPage } from '../../src/core/capture/scan-driver';
import { CodedError } from '../../src/shared/errors';
import { ADF_MAX, PLATEN_MAX, startEsclResponder, type EsclResponder, type EsclResponderOptions } from './escl-responder';

const corpus = join(import.meta.dirname, '..', 'fixtures', 'vi-admin');
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

interface ManifestPage {
  file: string;
  format: string;
  width_px: number;
  height_px: number;
}

async function corpusJpegs(n: number): Promise<{ bytes: Buffer; type: string; page: ManifestPage }[]> {
  const manifest = JSON.parse(await readFile(join(corpus, 'manifest.json'), 'utf8')) as { pages: ManifestPage[] };
  const jpegs = manifest.pages.filter((p) => p.format === 'jpg' || p.format === 'jpeg').slice(0, n);
  return Promise.all(jpegs.map(async (page) => ({ bytes: await readFile(join(corpus, page.file)), type: 'image/jpeg', page })));
}

let responder: EsclResponder | undefined;
afterEach(async () => {
  await responder?.close();
  responder = undefined;
});

async function start(options: Partial<EsclResponderOptions> & { pageCount?: number } = {}) {
  const pages = await corpusJpegs(options.pageCount ?? 3);
  responder = await startEsclResponder({ pages, ...options });
  const driver = new EsclDriver({ addresses: [responder.url], retryDelayMs: 10, timeoutMs: 30_000 });
  return { driver, pages, responder };
}

async function scanAll(driver: EsclDriver, id: string, options: Parameters<EsclDriver['scan']>[1], signal?: AbortSignal) {
  const pages: ScannedPage[] = [];
  const summary = await driver.scan(id, options, { onPage: (p) => void pages.push(p) }, signal);
  return { pages, summary };
}

async function rejection(promise: Promise<unknown>): Promise<CodedError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CodedError);
  return err as CodedError;
}

describe('esclBaseUrl', () => {
  it('turns what a user types into the eSCL root', () => {
    expect(esclBaseUrl('192.168.1.20')).toBe('http://192.168.1.20/eSCL');
    expect(esclBaseUrl(' scanner.local:8080 ')).toBe('http://scanner.local:8080/eSCL');
    expect(esclBaseUrl('https://10.0.0.5/eSCL/')).toBe('https://10.0.0.5/eSCL');
    expect(esclBaseUrl('http://10.0.0.5:80/escl')).toBe('http://10.0.0.5/escl');
  });
});

describe('EsclDriver against an eSCL responder', () => {
  it('lists a device given by address and reads its capabilities', async () => {
    const { driver, responder } = await start({ makeAndModel: 'Canon MF Test' });
    const unreachable = new EsclDriver({ addresses: ['127.0.0.1:9', responder.url], timeoutMs: 5000 });
    const devices = await unreachable.listDevices();
    expect(devices).toEqual([expect.objectContaining({ id: responder.url, driver: 'escl', name: 'Canon MF Test' })]);
    const caps = await driver.capabilities(responder.url);
    expect(caps.sources).toEqual(['flatbed', 'adf']);
    expect(caps.colorModes).toEqual(['color', 'gray', 'bw']);
    expect(caps.resolutions).toEqual({ kind: 'list', values: [100, 200, 300, 600] });
    expect(caps.maxArea!.widthMm).toBeCloseTo((ADF_MAX.width / 300) * 25.4, 3);
    expect(caps.maxArea!.heightMm).toBeCloseTo((ADF_MAX.height / 300) * 25.4, 3);
  });

  it('scans the feeder: every document, in order, byte for byte, then stops at 404', async () => {
    const { driver, pages, responder } = await start({ pageCount: 3 });
    const { pages: got, summary } = await scanAll(driver, responder.url, {
      dpi: 300,
      colorMode: 'gray',
      source: 'adf',
      pageSize: PAGE_SIZES.A4,
    });
    expect(summary).toEqual({ pageCount: pages.length, cancelled: false });
    expect(got.map((p) => sha(p.bytes))).toEqual(pages.map((p) => sha(p.bytes)));
    got.forEach((p, i) => {
      expect(p).toMatchObject({
        index: i,
        format: 'jpeg',
        dpi: 300,
        colorMode: 'gray',
        widthPx: pages[i]!.page.width_px,
        heightPx: pages[i]!.page.height_px,
      });
    });
    const job = responder.jobs[0]!;
    expect(job.settings).toMatchObject({
      InputSource: 'Feeder',
      ColorMode: 'Grayscale8',
      XResolution: '300',
      YResolution: '300',
      DocumentFormat: 'image/jpeg',
      ContentRegionUnits: 'escl:ThreeHundredthsOfInches',
      Width: String(Math.round((210 / 25.4) * 300)),
      Height: String(Math.round((297 / 25.4) * 300)),
      Duplex: 'false',
    });
    expect(responder.requests.filter((r) => r.endsWith('/NextDocument'))).toHaveLength(pages.length + 1);
  });

  it('scans one page from the platen, clamping the region to the glass and choosing the nearest resolution', async () => {
    const { driver, pages, responder } = await start();
    const { pages: got } = await scanAll(driver, responder.url, {
      dpi: 250,
      colorMode: 'color',
      source: 'flatbed',
      pageSize: PAGE_SIZES.A3,
    });
    expect(got).toHaveLength(1);
    expect(sha(got[0]!.bytes)).toBe(sha(pages[0]!.bytes));
    expect(responder.jobs[0]!.settings).toMatchObject({
      InputSource: 'Platen',
      ColorMode: 'RGB24',
      Width: String(PLATEN_MAX.width),
      Height: String(PLATEN_MAX.height),
    });
    expect(['200', '300']).toContain(responder.jobs[0]!.settings.XResolution);
    expect(responder.jobs[0]!.settings.Duplex).toBeUndefined();
  });

  it('waits out a busy scanner (503) and pages that are not ready yet', async () => {
    const { driver, pages, responder } = await start({ busyPosts: 2, notReadyPerPage: 2 });
    const { summary } = await scanAll(driver, responder.url, { dpi: 200, colorMode: 'color', source: 'adf' });
    expect(summary.pageCount).toBe(pages.length);
    expect(responder.requests.filter((r) => r === 'POST /eSCL/ScanJobs')).toHaveLength(3);
  });

  it('gives up on a scanner that stays busy with ScannerBusyError', async () => {
    const pages = await corpusJpegs(1);
    responder = await startEsclResponder({ pages, busyPosts: 100 });
    const driver = new EsclDriver({ addresses: [], retries: 3, retryDelayMs: 5 });
    const err = await rejection(scanAll(driver, responder.url, { dpi: 200, colorMode: 'color', source: 'flatbed' }));
    expect(err.code).toBe('scanner.busy');
    expect(responder.jobs).toHaveLength(0);
  });

  it('reports an empty feeder at the start as ScannerFeederEmptyError', async () => {
    const { driver, responder } = await start({ adfEmpty: true });
    expect((await rejection(scanAll(driver, responder.url, { dpi: 200, colorMode: 'gray', source: 'adf' }))).code).toBe(
      'scanner.feeder-empty',
    );
  });

  it('reports a jam after the pages that made it through', async () => {
    const { driver, responder } = await start({ pageCount: 3, jamAfter: 2 });
    const seen: number[] = [];
    const err = await rejection(
      driver.scan(responder.url, { dpi: 200, colorMode: 'gray', source: 'adf' }, { onPage: (p) => void seen.push(p.index) }),
    );
    expect(err.code).toBe('scanner.jammed');
    expect(err.details?.pagesDelivered).toBe(2);
    expect(seen).toEqual([0, 1]);
  });

  it.each([0, 1])('reports a job the scanner forgets after %i page(s) as ScannerJobLostError', async (after) => {
    const { driver, responder } = await start({ pageCount: 3, dropJobAfter: after });
    const err = await rejection(scanAll(driver, responder.url, { dpi: 200, colorMode: 'gray', source: 'adf' }));
    expect(err.code).toBe('scanner.job-lost');
    expect(err.details?.pagesDelivered).toBe(after);
  });

  it('cancels the job on the device when the signal is aborted', async () => {
    const { driver, responder } = await start({ pageCount: 3 });
    const controller = new AbortController();
    const got: ScannedPage[] = [];
    const summary = await driver.scan(
      responder.url,
      { dpi: 200, colorMode: 'gray', source: 'adf' },
      {
        onPage: (p) => {
          got.push(p);
          controller.abort();
        },
      },
      controller.signal,
    );
    expect(summary).toEqual({ pageCount: 1, cancelled: true });
    expect(responder.jobs[0]!.state).toBe('Canceled');
    expect(responder.requests).toContain(`DELETE /eSCL/ScanJobs/${responder.jobs[0]!.id}`);
  });

  it('turns an unreadable capabilities document into a coded error', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end('<scan:ScannerCapabilities><pwg:Version>2.0</scan:ScannerCapabilities>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as import('node:net').AddressInfo;
    try {
      const err = await rejection(new EsclDriver({ addresses: [] }).capabilities(`127.0.0.1:${port}`));
      expect(err.code).toBe('scanner.failed');
    } finally {
      server.close();
    }
  });

  it('refuses what the device cannot do, and says when it is unreachable', async () => {
    const { driver, responder } = await start();
    expect((await rejection(scanAll(driver, responder.url, { dpi: 200, colorMode: 'gray', source: 'duplex' }))).code).toBe(
      'scanner.option-unsupported',
    );
    const url = responder.url;
    await responder.close();
    expect((await rejection(driver.capabilities(url))).code).toBe('scanner.gone');
  });
});
