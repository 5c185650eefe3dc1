import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_SIZES, type ScannedPage } from '../../src/core/capture/scan-driver';
import { WiaDriver } from '../../src/core/capture/wia/wia-driver';
import { hresultOf, parseWiaLine, wiaCapabilities, wiaError } from '../../src/core/capture/wia/wia-output';
import { capabilitiesScript, listDevicesScript, powershellArgs, psString, scanScript } from '../../src/core/capture/wia/wia-script';
import { CodedError } from '../../src/shared/errors';

const decode = (args: string[]): string => Buffer.from(args[args.length - 1]!, 'base64').toString('utf16le');

describe('WIA script building', () => {
  it('passes the script as -EncodedCommand (UTF-16LE base64), without profile or prompts', () => {
    const script = listDevicesScript();
    const args = powershellArgs(script);
    expect(args.slice(0, -1)).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
    expect(decode(args)).toBe(script);
    expect(script).toContain('New-Object -ComObject WIA.DeviceManager');
    expect(script).toContain('$info.Type -ne 1');
  });

  it('sets feeder, pages, intent, resolution and extent for a grey A4 feeder scan at 300 dpi', () => {
    const script = scanScript(
      '{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001',
      { dpi: 300, colorMode: 'gray', source: 'adf', pageSize: PAGE_SIZES.A4 },
      300,
      'C:\\Temp\\sohoa-wia-1',
    );
    expect(script).toContain("FindDevice $manager '{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001'");
    expect(script).toContain('SetProp $device.Properties 3088 1)');
    expect(script).toContain('SetProp $device.Properties 3096 1)');
    expect(script).toContain('SetProp $item.Properties 6146 2)');
    expect(script).toContain('SetProp $item.Properties 6147 300)');
    expect(script).toContain('SetProp $item.Properties 6148 300)');
    expect(script).toContain(`SetProp $item.Properties 6151 ${Math.round((210 / 25.4) * 300)})`);
    expect(script).toContain(`SetProp $item.Properties 6152 ${Math.round((297 / 25.4) * 300)})`);
    expect(script).toContain("$png = '{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}'");
    expect(script).toContain('$item.Transfer($png)');
    expect(script).toContain("if ($h -eq '0x80210003' -and $index -gt 0) { break }");
    expect(script).toContain("Join-Path 'C:\\Temp\\sohoa-wia-1'");
  });

  it('scans one page from the flatbed, and asks for duplex with feeder|duplex', () => {
    const flat = scanScript('dev', { dpi: 200, colorMode: 'color', source: 'flatbed' }, 200, 'C:\\t');
    expect(flat).toContain('SetProp $device.Properties 3088 2)');
    expect(flat).not.toContain('Properties 3096');
    expect(flat).toContain('SetProp $item.Properties 6146 1)');
    expect(flat).toMatch(/\$index\+\+\n\s+break\n/);
    const duplex = scanScript('dev', { dpi: 200, colorMode: 'bw', source: 'duplex' }, 200, 'C:\\t');
    expect(duplex).toContain('SetProp $device.Properties 3088 5)');
    expect(duplex).toContain('SetProp $item.Properties 6146 4)');
  });

  it('keeps device ids and paths inside their quotes', () => {
    const hostile = "x'; Remove-Item -Recurse C:\\; '";
    expect(psString(hostile)).toBe("'x''; Remove-Item -Recurse C:\\; '''");
    expect(capabilitiesScript(hostile)).toContain(`FindDevice $manager ${psString(hostile)}`);
    expect(scanScript('d', { dpi: 100, colorMode: 'gray', source: 'flatbed' }, 100, "C:\\Users\\O'Neil\\tmp")).toContain(
      "Join-Path 'C:\\Users\\O''Neil\\tmp'",
    );
  });
});

describe('WIA output parsing', () => {
  it('reads the event lines and ignores PowerShell noise', () => {
    expect(parseWiaLine('SOHOA:{"event":"page","index":0,"path":"C:\\\\t\\\\p0000.png","width":2480,"height":3508}')).toEqual({
      event: 'page',
      index: 0,
      path: 'C:\\t\\p0000.png',
      width: 2480,
      height: 3508,
    });
    expect(parseWiaLine('\uFEFFSOHOA:{"event":"done","pages":3}')).toEqual({ event: 'done', pages: 3 });
    expect(parseWiaLine('WARNING: something PowerShell said')).toBeUndefined();
    expect(parseWiaLine('SOHOA:{"event":')).toBeUndefined();
    expect(parseWiaLine('SOHOA:{"no":"event"}')).toBeUndefined();
  });

  it.each([
    ['0x80210003', 0, 'scanner.feeder-empty'],
    ['0x80210002', 2, 'scanner.jammed'],
    ['0x80210006', 0, 'scanner.busy'],
    ['0x80210005', 0, 'scanner.gone'],
    ['0x8021000A', 0, 'scanner.gone'],
    ['0x80210015', 0, 'scanner.gone'],
    ['0x80210016', 0, 'scanner.cover-open'],
    ['0x80210001', 0, 'scanner.failed'],
    ['0x80004005', 0, 'scanner.failed'],
  ])('maps HRESULT %s to a coded error', (hresult, pages, code) => {
    const err = wiaError(hresult, 'System.Runtime.InteropServices.COMException', pages);
    expect(err.code).toBe(code);
    expect(err.details?.pagesDelivered).toBe(pages);
  });

  it('finds the WIA code inside a wrapping exception', () => {
    const message =
      'System.Reflection.TargetInvocationException ---> System.Runtime.InteropServices.COMException: Exception from HRESULT: 0x80210003';
    expect(hresultOf('0x80020009', message)).toBe(0x80210003);
    expect(wiaError('0x80020009', message, 0).code).toBe('scanner.feeder-empty');
  });

  it('turns the capabilities report into ScanCapabilities', () => {
    const caps = wiaCapabilities({
      event: 'capabilities',
      handling: 7,
      resolution: { subType: 2, min: 0, max: 0, step: 0, values: [600, 75, 150, 300], current: 150 },
      bedMils: [8500, 11690],
      feederMils: [8500, 14000],
    });
    expect(caps.sources).toEqual(['flatbed', 'adf', 'duplex']);
    expect(caps.resolutions).toEqual({ kind: 'list', values: [75, 150, 300, 600] });
    expect(caps.maxArea!.widthMm).toBeCloseTo(8.5 * 25.4, 5);
    expect(caps.maxArea!.heightMm).toBeCloseTo(14 * 25.4, 5);
    const flatbedOnly = wiaCapabilities({
      event: 'capabilities',
      handling: 2,
      resolution: { subType: 1, min: 50, max: 1200, step: 1, values: [], current: 100 },
      bedMils: [0, 0],
      feederMils: [0, 0],
    });
    expect(flatbedOnly).toEqual({
      resolutions: { kind: 'range', min: 50, max: 1200, step: 1 },
      colorModes: ['color', 'gray', 'bw'],
      sources: ['flatbed'],
    });
  });
});

/**
 * The WIA driver's process handling, with powershell.exe replaced at the outermost seam
 * by a program that answers the same protocol the real scripts speak on Windows.
 */
describe('WiaDriver process handling (PowerShell stand-in)', () => {
  let dir: string;
  const corpusPng = join(import.meta.dirname, '..', 'fixtures', 'vi-admin', 'images', 'viadm-18d1.png');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sohoa-wia-test-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  async function standIn(name: string, pages: number, ending: 'done' | 'jam'): Promise<string> {
    const path = join(dir, name);
    await writeFile(
      path,
      `#!${process.execPath}
const fs = require('node:fs');
const script = Buffer.from(process.argv[process.argv.length - 1], 'base64').toString('utf16le');
const emit = (o) => process.stdout.write('SOHOA:' + JSON.stringify(o) + '\\r\\n');
if (script.includes("event = 'capabilities'")) {
  emit({ event: 'capabilities', handling: 3, resolution: { subType: 2, min: 0, max: 0, step: 0, values: [150, 300], current: 150 }, bedMils: [8500, 11700], feederMils: [8500, 14000] });
  process.exit(0);
}
const out = /Join-Path '([^']*)'/.exec(script)[1];
fs.writeFileSync(${JSON.stringify(join(dir, 'last-out.txt'))}, out);
for (let i = 0; i < ${pages}; i++) {
  emit({ event: 'page-start', index: i });
  const file = out + '/p' + String(i).padStart(4, '0') + '.png';
  fs.copyFileSync(${JSON.stringify(corpusPng)}, file);
  emit({ event: 'page', index: i, path: file, width: 2480, height: 3508 });
}
emit({ event: 'page-start', index: ${pages} });
${ending === 'done' ? `emit({ event: 'done', pages: ${pages} });` : `emit({ event: 'error', hresult: '0x80210002', message: 'paper jam', index: ${pages} }); process.exit(2);`}
`,
    );
    await chmod(path, 0o755);
    return path;
  }

  it('streams each announced page to the sink and cleans its temp folder', async () => {
    const driver = new WiaDriver({ powershellPath: await standIn('ps-ok', 3, 'done') });
    const pages: ScannedPage[] = [];
    const summary = await driver.scan('dev', { dpi: 280, colorMode: 'gray', source: 'adf' }, { onPage: (p) => void pages.push(p) });
    expect(summary).toEqual({ pageCount: 3, cancelled: false });
    const original = await readFile(corpusPng);
    expect(pages.map((p) => p.index)).toEqual([0, 1, 2]);
    for (const p of pages) {
      expect(p.bytes.equals(original)).toBe(true);
      expect(p.dpi).toBe(300);
      expect((await sharp(p.bytes).metadata()).format).toBe('png');
    }
    const outDir = await readFile(join(dir, 'last-out.txt'), 'utf8');
    expect(outDir.startsWith(join(tmpdir(), 'sohoa-wia-'))).toBe(true);
    expect(existsSync(outDir)).toBe(false);
  });

  it('reports a jam after the pages that came through', async () => {
    const driver = new WiaDriver({ powershellPath: await standIn('ps-jam', 2, 'jam') });
    const seen: number[] = [];
    const err = await driver.scan('dev', { dpi: 150, colorMode: 'color', source: 'adf' }, { onPage: (p) => void seen.push(p.index) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CodedError);
    expect((err as CodedError).code).toBe('scanner.jammed');
    expect((err as CodedError).details?.pagesDelivered).toBe(2);
    expect(seen).toEqual([0, 1]);
  });

  it('refuses duplex on a device without it, and says when PowerShell is missing', async () => {
    const driver = new WiaDriver({ powershellPath: await standIn('ps-caps', 0, 'done') });
    await expect(driver.scan('dev', { dpi: 150, colorMode: 'color', source: 'duplex' }, { onPage: () => undefined })).rejects.toMatchObject(
      { code: 'scanner.option-unsupported' },
    );
    await expect(new WiaDriver({ powershellPath: '/nonexistent/powershell.exe' }).listDevices()).rejects.toMatchObject({
      code: 'scanner.driver-unavailable',
    });
  });
});
