import type { ColorMode, PageSize, ResolutionSupport, ScanCapabilities, ScanDevice, ScanSource } from '../scan-driver';

/** One option line of `scanimage -A`, e.g. `    --mode Color|Gray|Lineart [Color]`. */
export interface SaneOption {
  name: string;
  values:
    | { kind: 'list'; items: string[]; unit: string }
    | { kind: 'range'; min: number; max: number; step?: number; unit: string }
    | { kind: 'other'; text: string };
  current: string;
  inactive: boolean;
}

/** What a SANE device offers, with the backend's own names for our modes and sources. */
export interface SaneDeviceOptions {
  options: Map<string, SaneOption>;
  modeNames: Partial<Record<ColorMode, string>>;
  /** A device without a bitonal mode can still give 1-bit pages in its grey mode with `--depth 1`. */
  bwByDepth: boolean;
  sourceNames: Partial<Record<ScanSource, string>>;
  capabilities: ScanCapabilities;
}

const OPTION_LINE = /^\s+(--[\w-]+|-[a-z])(?:\[=\(([^)]*)\)\])?\s+(.*?)\s*\[([^\]]*)\]\s*$/;

function parseValues(text: string): SaneOption['values'] {
  const steps = /\(in steps of ([\d.]+)\)/.exec(text);
  const body = text.replace(/\(in steps of [\d.]+\)/, '').trim();
  const range = /^(-?[\d.]+)\.\.(-?[\d.]+)([a-z%"]*)(,\.\.\.)?$/i.exec(body);
  if (range) {
    return {
      kind: 'range',
      min: Number(range[1]),
      max: Number(range[2]),
      step: steps ? Number(steps[1]) : undefined,
      unit: range[3] ?? '',
    };
  }
  if (body.includes('|') || /^[^<\s][^<]*$/.test(body)) {
    const items = body.split('|');
    const last = items[items.length - 1] ?? '';
    const unitMatch = /^(-?[\d.]+)(dpi|mm|bit|%|us|pel)$/.exec(last);
    const unit = unitMatch ? unitMatch[2]! : '';
    if (unitMatch) items[items.length - 1] = unitMatch[1]!;
    return { kind: 'list', items, unit };
  }
  return { kind: 'other', text: body };
}

/** Parses the option list `scanimage -A -d <device>` prints. */
export function parseSaneOptions(text: string): Map<string, SaneOption> {
  const options = new Map<string, SaneOption>();
  for (const line of text.split('\n')) {
    const m = OPTION_LINE.exec(line);
    if (!m) continue;
    const name = m[1]!;
    const valueText = m[2] !== undefined ? m[2].replace(/\(|\)/g, '').replace(/\s/g, '') : m[3]!;
    const current = m[4]!;
    options.set(name, { name, values: parseValues(valueText), current, inactive: current === 'inactive' });
  }
  return options;
}

function listItems(option: SaneOption | undefined): string[] {
  return option && option.values.kind === 'list' ? option.values.items : [];
}

function pickMode(names: string[], pattern: RegExp): string | undefined {
  return names.find((n) => pattern.test(n));
}

function pickSources(names: string[]): Partial<Record<ScanSource, string>> {
  const sources: Partial<Record<ScanSource, string>> = {};
  const flatbed = names.find((n) => /flat\s*bed|platen|document table|normal/i.test(n));
  const duplex = names.find((n) => /duplex/i.test(n));
  const adf = names.find((n) => /adf|feeder/i.test(n) && !/duplex|back/i.test(n));
  if (flatbed) sources.flatbed = flatbed;
  if (adf) sources.adf = adf;
  if (duplex) sources.duplex = duplex;
  return sources;
}

function resolutionsOf(option: SaneOption | undefined): ResolutionSupport {
  if (option?.values.kind === 'range') {
    return {
      kind: 'range',
      min: option.values.min,
      max: option.values.max,
      step: option.values.step && option.values.step > 0 ? option.values.step : 1,
    };
  }
  const values = listItems(option)
    .map(Number)
    .filter((n) => Number.isFinite(n) && n > 0)
    .sort((a, b) => a - b);
  return { kind: 'list', values: values.length > 0 ? values : [300] };
}

function maxOf(option: SaneOption | undefined): number | undefined {
  return option?.values.kind === 'range' && option.values.unit === 'mm' ? option.values.max : undefined;
}

export function describeSaneDevice(options: Map<string, SaneOption>): SaneDeviceOptions {
  const modes = listItems(options.get('--mode'));
  const modeNames: Partial<Record<ColorMode, string>> = {};
  const color = pickMode(modes, /^colou?r$|^rgb|24bit colou?r|^colou?r/i);
  const gray = pickMode(modes, /gr[ae]y/i);
  const bw = pickMode(modes, /lineart|binary|black\s*&?\s*white|^mono/i) ?? pickMode(modes, /halftone/i);
  if (color) modeNames.color = color;
  if (gray) modeNames.gray = gray;
  if (bw) modeNames.bw = bw;
  const depths = listItems(options.get('--depth'));
  const bwByDepth = !bw && gray !== undefined && depths.includes('1');
  const sourceNames = pickSources(listItems(options.get('--source')));
  const sources = (['flatbed', 'adf', 'duplex'] as const).filter((s) => sourceNames[s] !== undefined);
  const colorModes = (['color', 'gray', 'bw'] as const).filter((m) => modeNames[m] !== undefined || (m === 'bw' && bwByDepth));
  const width = maxOf(options.get('-x'));
  const height = maxOf(options.get('-y'));
  const maxArea: PageSize | undefined = width !== undefined && height !== undefined ? { widthMm: width, heightMm: height } : undefined;
  return {
    options,
    modeNames,
    bwByDepth,
    sourceNames,
    capabilities: {
      resolutions: resolutionsOf(options.get('--resolution')),
      colorModes: colorModes.length > 0 ? [...colorModes] : ['gray'],
      sources: sources.length > 0 ? [...sources] : ['flatbed'],
      ...(maxArea ? { maxArea } : {}),
    },
  };
}

export const DEVICE_LIST_FORMAT = '%d\t%v\t%m\t%t%n';

/** Parses `scanimage -f '%d\t%v\t%m\t%t%n'`. */
export function parseDeviceList(text: string, driver: string): ScanDevice[] {
  const devices: ScanDevice[] = [];
  for (const line of text.split('\n')) {
    const [id, vendor, model, type] = line.split('\t');
    if (!id || model === undefined) continue;
    devices.push({
      id,
      driver,
      name: [vendor, model].filter(Boolean).join(' ') || id,
      vendor: vendor ?? '',
      model,
      ...(type ? { kind: type } : {}),
    });
  }
  return devices;
}
