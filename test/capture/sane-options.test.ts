import { describe, expect, it } from 'vitest';
import { classifyScanimageExit } from '../../src/core/capture/sane/scanimage-errors';
import { describeSaneDevice, parseDeviceList, parseSaneOptions } from '../../src/core/capture/sane/scanimage-options';
import { nearestResolution } from '../../src/core/capture/scan-driver';
import { buildScanArgs } from '../../src/core/capture/sane/sane-driver';

// Option lists in the shape `scanimage -A` prints them for common backends.
const FUJITSU = `
All options specific to device \`fujitsu:fi-7160:1208958':
  Standard:
    --source ADF Front|ADF Back|ADF Duplex [ADF Front]
        Selects the scan source (such as a document-feeder).
    --mode Lineart|Halftone|Gray|Color [Lineart]
        Selects the scan mode (e.g., lineart, monochrome, or color).
    --resolution 50..600dpi (in steps of 1) [600]
        Sets the resolution of the scanned image.
  Geometry:
    -l 0..224.846mm (in steps of 0.0211639) [0]
        Top-left x position of scan area.
    -t 0..863.489mm (in steps of 0.0211639) [0]
        Top-left y position of scan area.
    -x 0..224.846mm (in steps of 0.0211639) [215.872]
        Width of scan-area.
    -y 0..863.489mm (in steps of 0.0211639) [279.364]
        Height of scan-area.
    --page-width 0..224.846mm (in steps of 0.0211639) [215.872]
        Specifies the width of the media.  Required for automatic centering of
        sheet-fed scans.
    --page-height 0..863.489mm (in steps of 0.0211639) [279.364]
        Specifies the height of the media.
`;

const AIRSCAN = `
All options specific to device \`airscan:e0:Brother MFC-L2710DW series':
  Standard:
    --resolution 100|150|200|300|600dpi [300]
        Sets the resolution of the scanned image.
    --mode Color|Gray [Color]
        Selects the scan mode (e.g., lineart, monochrome, or color).
    --source Flatbed|ADF [Flatbed]
        Selects the scan source (such as a document-feeder).
  Geometry:
    -l 0..215.9mm [0]
        Top-left x position of scan area.
    -t 0..355.6mm [0]
        Top-left y position of scan area.
    -x 0..215.9mm [215.9]
        Width of scan-area.
    -y 0..355.6mm [355.6]
        Height of scan-area.
`;

const FLATBED_ONLY = `
All options specific to device \`genesys:libusb:001:004':
  Scan Mode:
    --mode Color|Gray|Lineart [Gray]
        Selects the scan mode (e.g., lineart, monochrome, or color).
    --depth 8|16 [8]
        Number of bits per sample.
    --resolution 4800|2400|1200|600|300|150|100|75dpi [75]
        Sets the horizontal resolution of the scanned image.
  Geometry:
    -x 0..216mm [216]
        Width of scan-area.
    -y 0..297mm [297]
        Height of scan-area.
`;

describe('scanimage -A parsing', () => {
  it('reads a sheet-fed scanner: feeder sources, lineart as black and white, a resolution range', () => {
    const d = describeSaneDevice(parseSaneOptions(FUJITSU));
    expect(d.capabilities.sources).toEqual(['adf', 'duplex']);
    expect(d.sourceNames).toEqual({ adf: 'ADF Front', duplex: 'ADF Duplex' });
    expect(d.modeNames).toEqual({ color: 'Color', gray: 'Gray', bw: 'Lineart' });
    expect(d.capabilities.resolutions).toEqual({ kind: 'range', min: 50, max: 600, step: 1 });
    expect(d.capabilities.maxArea).toEqual({ widthMm: 224.846, heightMm: 863.489 });
    const { args } = buildScanArgs(d, { dpi: 300, colorMode: 'gray', source: 'duplex' });
    expect(args).toEqual(
      expect.arrayContaining([
        '--source',
        'ADF Duplex',
        '--mode',
        'Gray',
        '--resolution',
        '300',
        '--page-width',
        '210',
        '--page-height',
        '297',
      ]),
    );
    expect(args).not.toContain('--batch-count=1');
  });

  it('reads a network scanner through sane-airscan: a resolution list, no bitonal mode', () => {
    const d = describeSaneDevice(parseSaneOptions(AIRSCAN));
    expect(d.capabilities).toEqual({
      resolutions: { kind: 'list', values: [100, 150, 200, 300, 600] },
      colorModes: ['color', 'gray'],
      sources: ['flatbed', 'adf'],
      maxArea: { widthMm: 215.9, heightMm: 355.6 },
    });
    expect(() => buildScanArgs(d, { dpi: 300, colorMode: 'bw', source: 'adf' })).toThrow(
      expect.objectContaining({ code: 'scanner.option-unsupported' }),
    );
    const { args, dpi } = buildScanArgs(d, { dpi: 250, colorMode: 'color', source: 'flatbed', pageSize: { widthMm: 297, heightMm: 420 } });
    expect([200, 300]).toContain(dpi);
    expect(args).toEqual(expect.arrayContaining(['--batch-count=1', '-x', '215.9', '-y', '355.6']));
  });

  it('reads a flatbed without a source option, and keeps 8 bits per sample', () => {
    const d = describeSaneDevice(parseSaneOptions(FLATBED_ONLY));
    expect(d.capabilities.sources).toEqual(['flatbed']);
    expect(d.capabilities.resolutions).toEqual({ kind: 'list', values: [75, 100, 150, 300, 600, 1200, 2400, 4800] });
    const { args } = buildScanArgs(d, { dpi: 300, colorMode: 'color', source: 'flatbed' });
    expect(args).toEqual(expect.arrayContaining(['--mode', 'Color', '--depth', '8']));
    expect(args).not.toContain('--source');
    expect(() => buildScanArgs(d, { dpi: 300, colorMode: 'gray', source: 'adf' })).toThrow(
      expect.objectContaining({ code: 'scanner.option-unsupported' }),
    );
  });

  it('rounds a resolution to what the device offers', () => {
    expect(nearestResolution({ kind: 'range', min: 50, max: 600, step: 25 }, 310)).toBe(300);
    expect(nearestResolution({ kind: 'range', min: 50, max: 600, step: 1 }, 1200)).toBe(600);
    expect(nearestResolution({ kind: 'list', values: [75, 150, 300, 600] }, 200)).toBe(150);
  });

  it('parses the formatted device list', () => {
    const text = 'test:0\tNoname\tfrontend-tester\tvirtual device\nairscan:e0:Brother\tBrother\tMFC-L2710DW\teSCL network scanner\n';
    expect(parseDeviceList(text, 'sane')).toEqual([
      { id: 'test:0', driver: 'sane', name: 'Noname frontend-tester', vendor: 'Noname', model: 'frontend-tester', kind: 'virtual device' },
      {
        id: 'airscan:e0:Brother',
        driver: 'sane',
        name: 'Brother MFC-L2710DW',
        vendor: 'Brother',
        model: 'MFC-L2710DW',
        kind: 'eSCL network scanner',
      },
    ]);
    expect(parseDeviceList('', 'sane')).toEqual([]);
  });
});

describe('scanimage exit classification', () => {
  const err = (code: number, stderr: string): string | undefined => {
    const o = classifyScanimageExit(code, stderr, 'dev');
    return o.kind === 'error' ? o.error.code : o.kind;
  };
  it('tells the end of the paper from failures', () => {
    expect(err(0, 'Scanning page 3\nscanimage: sane_start: Document feeder out of documents\nBatch terminated, 2 pages scanned\n')).toBe(
      'feeder-ran-out',
    );
    expect(err(0, 'Scanning 1 page\nScanned page 1. (scanner status = 5)\n')).toBe('ok');
    expect(err(1, 'scanimage: open of device epson2:net:10.0.0.9 failed: Device busy\n')).toBe('scanner.busy');
    expect(err(1, 'scanimage: open of device nonexist:0 failed: Invalid argument\n')).toBe('scanner.gone');
    expect(err(1, 'scanimage: no SANE devices found\n')).toBe('scanner.gone');
    expect(err(6, 'scanimage: sane_read: Document feeder jammed\n')).toBe('scanner.jammed');
    expect(err(8, 'scanimage: sane_start: Scanner cover is open\n')).toBe('scanner.cover-open');
    expect(err(1, 'scanimage: setting of option --mode failed (Invalid argument)\n')).toBe('scanner.option-unsupported');
    expect(err(9, 'scanimage: sane_read: Error during device I/O\n')).toBe('scanner.failed');
  });
});
