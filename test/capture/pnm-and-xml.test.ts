import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodePnm, pnmToPng } from '../../src/core/capture/pnm';
import { parseEsclCapabilities, parseEsclStatus, scanSettingsXml } from '../../src/core/capture/escl/escl-documents';
import { parseXml, textOf, XmlParseError } from '../../src/core/capture/escl/escl-xml';

describe('PNM decoding', () => {
  it('decodes a bitmap (P4) with padded rows: 1 bits are black', () => {
    // 10 px wide → 2 bytes a row; row 0: first pixel black, row 1: last pixel black.
    const bytes = Buffer.concat([Buffer.from('P4\n# comment\n10 2\n'), Buffer.from([0b10000000, 0, 0, 0b01000000])]);
    const img = decodePnm(bytes);
    expect(img).toMatchObject({ width: 10, height: 2, channels: 1, colorMode: 'bw' });
    expect([...img.pixels.subarray(0, 10)]).toEqual([0, 255, 255, 255, 255, 255, 255, 255, 255, 255]);
    expect([...img.pixels.subarray(10, 20)]).toEqual([255, 255, 255, 255, 255, 255, 255, 255, 255, 0]);
  });

  it('decodes 8- and 16-bit greymaps and pixmaps', () => {
    expect([...decodePnm(Buffer.concat([Buffer.from('P5 2 1 255\n'), Buffer.from([7, 200])])).pixels]).toEqual([7, 200]);
    const wide = Buffer.alloc(4);
    wide.writeUInt16BE(65535, 0);
    wide.writeUInt16BE(0, 2);
    expect([...decodePnm(Buffer.concat([Buffer.from('P5\n2 1\n65535\n'), wide])).pixels]).toEqual([255, 0]);
    const rgb = decodePnm(Buffer.concat([Buffer.from('P6\n1 1\n255\n'), Buffer.from([1, 2, 3])]));
    expect(rgb).toMatchObject({ channels: 3, colorMode: 'color' });
  });

  it('rejects truncated and foreign data with a coded error', () => {
    expect(() => decodePnm(Buffer.from('P5\n4 4\n255\n\x00'))).toThrow(expect.objectContaining({ code: 'scanner.image-corrupt' }));
    expect(() => decodePnm(Buffer.from('\x89PNG....'))).toThrow(expect.objectContaining({ code: 'scanner.image-corrupt' }));
    expect(() => decodePnm(Buffer.from('P6\n12'))).toThrow(expect.objectContaining({ code: 'scanner.image-corrupt' }));
  });

  it('writes a PNG that keeps pixels and resolution', async () => {
    const pixels = Buffer.from([0, 64, 128, 255, 10, 20]);
    const { png } = await pnmToPng(Buffer.concat([Buffer.from('P5 3 2 255\n'), pixels]), 200);
    expect(await sharp(png).metadata()).toMatchObject({ width: 3, height: 2, channels: 1, density: 200, hasProfile: false });
    const data = await sharp(png).extractChannel(0).raw().toBuffer();
    expect([...data]).toEqual([...pixels]);
  });
});

describe('eSCL XML', () => {
  it('parses namespaced elements, attributes, entities, CDATA and comments', () => {
    const root = parseXml(
      '<?xml version="1.0"?><!-- hi --><a:Root xmlns:a="urn:x" a:flag=\'yes\'><a:Name>Tom &amp; Jerry &#x1EA1;</a:Name><b:Raw><![CDATA[<not a tag>]]></b:Raw><Empty/></a:Root>',
    );
    expect(root.name).toBe('Root');
    expect(root.attrs.flag).toBe('yes');
    expect(textOf(root, 'Name')).toBe('Tom & Jerry ạ');
    expect(textOf(root, 'Raw')).toBe('<not a tag>');
    expect(textOf(root, 'Empty')).toBe('');
  });

  it('rejects broken documents', () => {
    expect(() => parseXml('<a><b></a>')).toThrow(XmlParseError);
    expect(() => parseXml('<a>')).toThrow(XmlParseError);
    expect(() => parseXml('just text')).toThrow(XmlParseError);
  });

  it('reads capabilities with a resolution range and a duplex feeder option', () => {
    const caps = parseEsclCapabilities(`<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">
  <pwg:Version>2.5</pwg:Version><pwg:MakeAndModel>HP LaserJet MFP</pwg:MakeAndModel>
  <scan:Adf><scan:AdfSimplexInputCaps><scan:MaxWidth>2550</scan:MaxWidth><scan:MaxHeight>4200</scan:MaxHeight>
    <scan:SettingProfiles><scan:SettingProfile>
      <scan:ColorModes><scan:ColorMode>RGB24</scan:ColorMode><scan:ColorMode>Grayscale8</scan:ColorMode></scan:ColorModes>
      <scan:DocumentFormats><pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat></scan:DocumentFormats>
      <scan:SupportedResolutions><scan:ResolutionRange>
        <scan:XResolutionRange><scan:Min>75</scan:Min><scan:Max>600</scan:Max><scan:Normal>300</scan:Normal><scan:Step>25</scan:Step></scan:XResolutionRange>
        <scan:YResolutionRange><scan:Min>75</scan:Min><scan:Max>600</scan:Max><scan:Normal>300</scan:Normal><scan:Step>25</scan:Step></scan:YResolutionRange>
      </scan:ResolutionRange></scan:SupportedResolutions>
    </scan:SettingProfile></scan:SettingProfiles></scan:AdfSimplexInputCaps>
    <scan:AdfOptions><scan:AdfOption>Duplex</scan:AdfOption></scan:AdfOptions>
  </scan:Adf>
</scan:ScannerCapabilities>`);
    expect(caps.makeAndModel).toBe('HP LaserJet MFP');
    expect(Object.keys(caps.sources)).toEqual(['adf', 'duplex']);
    expect(caps.sources.adf!.resolutions).toEqual({ kind: 'range', min: 75, max: 600, step: 25 });
    expect([...caps.sources.adf!.colorModes.keys()]).toEqual(['color', 'gray']);
  });

  it('reads scanner status with its jobs', () => {
    const status =
      parseEsclStatus(`<scan:ScannerStatus xmlns:scan="s" xmlns:pwg="p"><pwg:Version>2.0</pwg:Version><pwg:State>Idle</pwg:State><scan:AdfState>ScannerAdfJam</scan:AdfState>
<scan:Jobs><scan:JobInfo><pwg:JobUri>/eSCL/ScanJobs/abc</pwg:JobUri><pwg:ImagesCompleted>2</pwg:ImagesCompleted><pwg:JobState>Aborted</pwg:JobState>
<pwg:JobStateReasons><pwg:JobStateReason>JobCanceledByUser</pwg:JobStateReason></pwg:JobStateReasons></scan:JobInfo></scan:Jobs></scan:ScannerStatus>`);
    expect(status).toEqual({
      state: 'Idle',
      adfState: 'ScannerAdfJam',
      jobs: [{ uri: '/eSCL/ScanJobs/abc', state: 'Aborted', reasons: ['JobCanceledByUser'], imagesCompleted: 2 }],
    });
  });

  it('writes ScanSettings that its own reader reads back', () => {
    const xml = scanSettingsXml({
      source: 'duplex',
      colorMode: 'RGB24',
      dpi: 300,
      format: 'image/jpeg',
      widthUnits: 2480,
      heightUnits: 3508,
      version: '2.6',
    });
    const root = parseXml(xml);
    expect(root.name).toBe('ScanSettings');
    expect(textOf(root, 'InputSource')).toBe('Feeder');
    expect(textOf(root, 'Duplex')).toBe('true');
    expect(textOf(root, 'ScanRegions', 'ScanRegion', 'Width')).toBe('2480');
    expect(textOf(root, 'ScanRegions', 'ScanRegion', 'ContentRegionUnits')).toBe('escl:ThreeHundredthsOfInches');
    expect(root.children.find((c) => c.name === 'ScanRegions')!.attrs.MustHonor).toBe('false');
  });
});
