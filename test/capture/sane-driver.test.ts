import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_SIZES, type ScanProgress, type ScannedPage } from '../../src/core/capture/scan-driver';
import { SaneDriver } from '../../src/core/capture/sane/sane-driver';
import { CodedError } from '../../src/shared/errors';
import { GRID_SQUARE_MM, makeSaneTestConfig, TEST_ADF_PAGES, TEST_GEOMETRY_MAX_MM } from './sane-test-scanner';

const px = (mm: number, dpi: number): number => (mm / 25.4) * dpi;

let conf: Awaited<ReturnType<typeof makeSaneTestConfig>>;
beforeAll(async () => {
  conf = await makeSaneTestConfig();
});
afterAll(async () => conf.cleanup());

function driver(extra: string[] = []): SaneDriver {
  return new SaneDriver({ env: conf.env, extraScanArgs: ['--test-picture', 'Grid', ...extra], stallTimeoutMs: 5000 });
}

async function collect(d: SaneDriver, options: Parameters<SaneDriver['scan']>[1], signal?: AbortSignal) {
  const pages: ScannedPage[] = [];
  const progress: ScanProgress[] = [];
  const summary = await d.scan('test:0', options, { onPage: (p) => void pages.push(p), onProgress: (p) => progress.push(p) }, signal);
  return { pages, progress, summary };
}

async function rejection(promise: Promise<unknown>): Promise<CodedError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CodedError);
  return err as CodedError;
}

/** Grey level at the centre of grid square (col,row) of a page scanned at dpi. */
async function squareCentre(page: ScannedPage, col: number, row: number): Promise<number> {
  const side = px(GRID_SQUARE_MM, page.dpi);
  const { data, info } = await sharp(page.bytes).greyscale().raw().toBuffer({ resolveWithObject: true });
  const x = Math.round((col + 0.5) * side);
  const y = Math.round((row + 0.5) * side);
  return data[y * info.width + x]!;
}

describe('SaneDriver against the SANE test backend', () => {
  it('lists the virtual devices', async () => {
    const devices = await driver().listDevices();
    expect(devices.map((d) => d.id)).toEqual(expect.arrayContaining(['test:0', 'test:1']));
    expect(devices.every((d) => d.driver === 'sane' && d.name.length > 0)).toBe(true);
  });

  it('reads capabilities from scanimage -A', async () => {
    const caps = await driver().capabilities('test:0');
    expect(caps.sources).toEqual(['flatbed', 'adf']);
    expect(caps.colorModes).toEqual(['color', 'gray', 'bw']);
    expect(caps.resolutions.kind).toBe('range');
    if (caps.resolutions.kind === 'range') {
      expect(caps.resolutions.min).toBeLessThanOrEqual(200);
      expect(caps.resolutions.max).toBeGreaterThanOrEqual(600);
    }
    expect(caps.maxArea).toEqual({ widthMm: TEST_GEOMETRY_MAX_MM, heightMm: TEST_GEOMETRY_MAX_MM });
  });

  it('scans a whole feeder: pages streamed in order, then a clean end when it runs out', async () => {
    const { pages, progress, summary } = await collect(driver(), { dpi: 300, colorMode: 'gray', source: 'adf', pageSize: PAGE_SIZES.A4 });
    expect(summary).toEqual({ pageCount: TEST_ADF_PAGES, cancelled: false });
    expect(pages.map((p) => p.index)).toEqual([...Array(TEST_ADF_PAGES).keys()]);
    const started = progress.filter((p) => p.fraction === undefined).map((p) => p.pageIndex);
    expect(started.slice(0, TEST_ADF_PAGES)).toEqual([...Array(TEST_ADF_PAGES).keys()]);
    for (const page of pages) {
      expect(page).toMatchObject({ format: 'png', dpi: 300, colorMode: 'gray' });
      const meta = await sharp(page.bytes).metadata();
      expect(meta.format).toBe('png');
      expect(meta.density).toBe(300);
      expect(meta.channels).toBe(1);
      expect(Math.abs(meta.width - px(210, 300))).toBeLessThan(2);
      expect(Math.abs(meta.height - px(297, 300))).toBeLessThan(2);
    }
    const first = pages[0]!;
    const a = await squareCentre(first, 0, 0);
    const b = await squareCentre(first, 1, 0);
    expect(Math.abs(a - b)).toBeGreaterThan(200);
    expect(await squareCentre(first, 1, 1)).toBe(a);
  });

  it('scans one page from the flatbed in colour, at the nearest resolution and clamped size', async () => {
    const { pages, summary } = await collect(driver(), { dpi: 100, colorMode: 'color', source: 'flatbed', pageSize: PAGE_SIZES.A3 });
    expect(summary.pageCount).toBe(1);
    const meta = await sharp(pages[0]!.bytes).metadata();
    expect(pages[0]!.colorMode).toBe('color');
    expect(meta.channels).toBe(3);
    expect(Math.abs(meta.width - px(PAGE_SIZES.A3.widthMm, 100))).toBeLessThan(2);
    expect(Math.abs(meta.height - px(TEST_GEOMETRY_MAX_MM, 100))).toBeLessThan(2);
  });

  it('gives bitonal pages as 1-bit PNGs when asked for black and white', async () => {
    const { pages } = await collect(driver(), { dpi: 150, colorMode: 'bw', source: 'flatbed', pageSize: PAGE_SIZES.A5 });
    const meta = await sharp(pages[0]!.bytes).metadata();
    expect(pages[0]!.colorMode).toBe('bw');
    expect(meta.bitsPerSample).toBe(1);
    const levels = new Set([await squareCentre(pages[0]!, 0, 0), await squareCentre(pages[0]!, 1, 0)]);
    expect([...levels].sort((x, y) => x - y)).toEqual([0, 255]);
  });

  it('reports an empty feeder at the first page as ScannerFeederEmptyError', async () => {
    const err = await rejection(
      collect(driver(['--read-return-value', 'SANE_STATUS_NO_DOCS']), { dpi: 100, colorMode: 'gray', source: 'adf' }),
    );
    expect(err.code).toBe('scanner.feeder-empty');
  });

  it.each([
    ['SANE_STATUS_JAMMED', 'scanner.jammed'],
    ['SANE_STATUS_DEVICE_BUSY', 'scanner.busy'],
    ['SANE_STATUS_COVER_OPEN', 'scanner.cover-open'],
    ['SANE_STATUS_IO_ERROR', 'scanner.failed'],
  ])('maps the device status %s to %s', async (status, code) => {
    const err = await rejection(collect(driver(['--read-return-value', status]), { dpi: 100, colorMode: 'gray', source: 'adf' }));
    expect(err.code).toBe(code);
    expect(err.details?.pagesDelivered).toBe(0);
  });

  it('reports an unknown device as ScannerGoneError', async () => {
    const d = driver();
    expect((await rejection(d.capabilities('test:9'))).code).toBe('scanner.gone');
    expect((await rejection(d.scan('test:9', { dpi: 100, colorMode: 'gray', source: 'flatbed' }, { onPage: () => undefined }))).code).toBe(
      'scanner.gone',
    );
  });

  it('refuses a source the device does not have', async () => {
    const err = await rejection(collect(driver(), { dpi: 100, colorMode: 'gray', source: 'duplex' }));
    expect(err.code).toBe('scanner.option-unsupported');
  });

  it('stops the feeder when the signal is aborted, keeping the pages already delivered', async () => {
    const slow = driver(['--read-limit=yes', '--read-limit-size', '2048', '--read-delay=yes', '--read-delay-duration', '50000']);
    const controller = new AbortController();
    const pages: ScannedPage[] = [];
    const summary = await slow.scan(
      'test:0',
      { dpi: 100, colorMode: 'gray', source: 'adf', pageSize: { widthMm: 40, heightMm: 40 } },
      {
        onPage: (p) => {
          pages.push(p);
          controller.abort();
        },
      },
      controller.signal,
    );
    expect(summary).toEqual({ pageCount: 1, cancelled: true });
    expect(pages).toHaveLength(1);
  });

  it('does not start when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { pages, summary } = await collect(driver(), { dpi: 100, colorMode: 'gray', source: 'adf' }, controller.signal);
    expect(summary).toEqual({ pageCount: 0, cancelled: true });
    expect(pages).toEqual([]);
  });

  it('stops and reports the sink error when the consumer fails', async () => {
    const seen: number[] = [];
    const failing = driver().scan(
      'test:0',
      { dpi: 75, colorMode: 'gray', source: 'adf' },
      {
        onPage: (p) => {
          seen.push(p.index);
          if (p.index === 2) throw new CodedError('test.sink-full', 'sink full');
        },
      },
    );
    expect((await rejection(failing)).code).toBe('test.sink-full');
    expect(seen).toEqual([0, 1, 2]);
  });

  it('says the driver is unavailable when scanimage is missing', async () => {
    const d = new SaneDriver({ scanimagePath: '/nonexistent/scanimage' });
    expect((await rejection(d.listDevices())).code).toBe('scanner.driver-unavailable');
  });
});
