import type { ColorMode, ResolutionSupport, ScanCapabilities, ScanOptions, ScanSource } from '../scan-driver';
import { pageSizeOf } from '../scan-driver';
import { child, children, descendants, escapeXml, numberOf, parseXml, textOf, type XmlElement } from './escl-xml';

export const SCAN_NS = 'http://schemas.hp.com/imaging/escl/2011/05/03';
export const PWG_NS = 'http://www.pwg.org/schemas/2010/12/sm';

/** eSCL lengths are in 1/300 inch. */
const UNITS_PER_MM = 300 / 25.4;

const ESCL_COLOR_MODES: Record<string, ColorMode> = {
  RGB24: 'color',
  RGB48: 'color',
  Grayscale8: 'gray',
  Grayscale16: 'gray',
  BlackAndWhite1: 'bw',
};

/** What one input source (platen, simplex or duplex feeder) offers. */
export interface EsclInputCaps {
  colorModes: Map<ColorMode, string>;
  resolutions: ResolutionSupport;
  formats: string[];
  maxWidth?: number;
  maxHeight?: number;
}

export interface EsclCapabilities {
  makeAndModel?: string;
  serialNumber?: string;
  uuid?: string;
  version?: string;
  sources: Partial<Record<ScanSource, EsclInputCaps>>;
}

function inputCaps(el: XmlElement): EsclInputCaps {
  const colorModes = new Map<ColorMode, string>();
  const discrete: number[] = [];
  let range: ResolutionSupport | undefined;
  const formats = new Set<string>();
  for (const profile of descendants(el, 'SettingProfile')) {
    for (const mode of descendants(child(profile, 'ColorModes'), 'ColorMode')) {
      const ours = ESCL_COLOR_MODES[mode.text.trim()];
      if (ours && !colorModes.has(ours)) colorModes.set(ours, mode.text.trim());
    }
    for (const f of [
      ...descendants(child(profile, 'DocumentFormats'), 'DocumentFormat'),
      ...descendants(child(profile, 'DocumentFormats'), 'DocumentFormatExt'),
    ]) {
      formats.add(f.text.trim());
    }
    for (const r of descendants(profile, 'DiscreteResolution')) {
      const x = numberOf(r, 'XResolution');
      const y = numberOf(r, 'YResolution');
      if (x !== undefined && (y === undefined || y === x)) discrete.push(x);
    }
    const xr = descendants(profile, 'XResolutionRange')[0];
    if (xr) {
      const min = numberOf(xr, 'Min');
      const max = numberOf(xr, 'Max');
      if (min !== undefined && max !== undefined) range = { kind: 'range', min, max, step: numberOf(xr, 'Step') ?? 1 };
    }
  }
  const resolutions: ResolutionSupport =
    discrete.length > 0
      ? { kind: 'list', values: [...new Set(discrete)].sort((a, b) => a - b) }
      : (range ?? { kind: 'list', values: [300] });
  return { colorModes, resolutions, formats: [...formats], maxWidth: numberOf(el, 'MaxWidth'), maxHeight: numberOf(el, 'MaxHeight') };
}

export function parseEsclCapabilities(xml: string): EsclCapabilities {
  const root = parseXml(xml);
  const sources: EsclCapabilities['sources'] = {};
  const platen = child(child(root, 'Platen'), 'PlatenInputCaps');
  if (platen) sources.flatbed = inputCaps(platen);
  const adf = child(root, 'Adf');
  const simplex = child(adf, 'AdfSimplexInputCaps');
  const duplex = child(adf, 'AdfDuplexInputCaps');
  if (simplex) sources.adf = inputCaps(simplex);
  if (duplex) sources.duplex = inputCaps(duplex);
  else if (simplex && descendants(adf, 'AdfOption').some((o) => o.text.trim() === 'Duplex')) sources.duplex = sources.adf;
  return {
    makeAndModel: textOf(root, 'MakeAndModel'),
    serialNumber: textOf(root, 'SerialNumber'),
    uuid: textOf(root, 'UUID'),
    version: textOf(root, 'Version'),
    sources,
  };
}

export function toScanCapabilities(caps: EsclCapabilities): ScanCapabilities {
  const order = ['flatbed', 'adf', 'duplex'] as const;
  const present = order.filter((s) => caps.sources[s]);
  const first = caps.sources[present[0] ?? 'flatbed'];
  const colorModes = (['color', 'gray', 'bw'] as const).filter((m) => present.some((s) => caps.sources[s]!.colorModes.has(m)));
  const widths = present.map((s) => caps.sources[s]!.maxWidth).filter((v): v is number => v !== undefined);
  const heights = present.map((s) => caps.sources[s]!.maxHeight).filter((v): v is number => v !== undefined);
  return {
    resolutions: first?.resolutions ?? { kind: 'list', values: [300] },
    colorModes: [...colorModes],
    sources: [...present],
    ...(widths.length > 0 && heights.length > 0
      ? { maxArea: { widthMm: Math.max(...widths) / UNITS_PER_MM, heightMm: Math.max(...heights) / UNITS_PER_MM } }
      : {}),
  };
}

export interface EsclJobInfo {
  uri: string;
  state?: string;
  reasons: string[];
  imagesCompleted?: number;
}

export interface EsclStatus {
  state?: string;
  adfState?: string;
  jobs: EsclJobInfo[];
}

export function parseEsclStatus(xml: string): EsclStatus {
  const root = parseXml(xml);
  return {
    state: textOf(root, 'State'),
    adfState: textOf(root, 'AdfState'),
    jobs: children(child(root, 'Jobs'), 'JobInfo').map((j) => ({
      uri: textOf(j, 'JobUri') ?? '',
      state: textOf(j, 'JobState'),
      reasons: descendants(j, 'JobStateReason').map((r) => r.text.trim()),
      imagesCompleted: numberOf(j, 'ImagesCompleted'),
    })),
  };
}

export interface EsclJobRequest {
  source: ScanSource;
  colorMode: string;
  dpi: number;
  format: string;
  widthUnits: number;
  heightUnits: number;
  version: string;
}

export function esclJobRequest(options: ScanOptions, input: EsclInputCaps, dpi: number, format: string, version = '2.0'): EsclJobRequest {
  const size = pageSizeOf(options);
  const clamp = (v: number, max?: number): number => Math.round(max !== undefined ? Math.min(v, max) : v);
  return {
    source: options.source,
    colorMode: input.colorModes.get(options.colorMode) ?? '',
    dpi,
    format,
    widthUnits: clamp(size.widthMm * UNITS_PER_MM, input.maxWidth),
    heightUnits: clamp(size.heightMm * UNITS_PER_MM, input.maxHeight),
    version,
  };
}

/** The ScanSettings document POSTed to /ScanJobs. */
export function scanSettingsXml(r: EsclJobRequest): string {
  const source = r.source === 'flatbed' ? 'Platen' : 'Feeder';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<scan:ScanSettings xmlns:scan="${SCAN_NS}" xmlns:pwg="${PWG_NS}">`,
    `  <pwg:Version>${escapeXml(r.version)}</pwg:Version>`,
    '  <scan:Intent>Document</scan:Intent>',
    '  <pwg:ScanRegions pwg:MustHonor="false">',
    '    <pwg:ScanRegion>',
    '      <pwg:ContentRegionUnits>escl:ThreeHundredthsOfInches</pwg:ContentRegionUnits>',
    '      <pwg:XOffset>0</pwg:XOffset>',
    '      <pwg:YOffset>0</pwg:YOffset>',
    `      <pwg:Width>${r.widthUnits}</pwg:Width>`,
    `      <pwg:Height>${r.heightUnits}</pwg:Height>`,
    '    </pwg:ScanRegion>',
    '  </pwg:ScanRegions>',
    `  <pwg:InputSource>${source}</pwg:InputSource>`,
    ...(source === 'Feeder' ? [`  <scan:Duplex>${r.source === 'duplex'}</scan:Duplex>`] : []),
    `  <scan:ColorMode>${escapeXml(r.colorMode)}</scan:ColorMode>`,
    `  <scan:XResolution>${r.dpi}</scan:XResolution>`,
    `  <scan:YResolution>${r.dpi}</scan:YResolution>`,
    `  <pwg:DocumentFormat>${escapeXml(r.format)}</pwg:DocumentFormat>`,
    `  <scan:DocumentFormatExt>${escapeXml(r.format)}</scan:DocumentFormatExt>`,
    '</scan:ScanSettings>',
    '',
  ].join('\n');
}
