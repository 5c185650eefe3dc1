/**
 * A scanner profile: a named set of scan settings for one device (the desk's "A4 xám 300 dpi khay nạp").
 * Records keep scans as Decree 30/2020 asks (docs/DESIGN.md): colour or grey, at least 200 dpi.
 */
import { z } from 'zod';

/** Problem codes of a refused profile; the renderer maps them to Vietnamese or English text. */
export const SCAN_PROFILE_PROBLEM = {
  required: 'required',
  tooLong: 'too-long',
  range: 'setting.range',
  choice: 'setting.choice',
  duplexNeedsFeeder: 'setting.duplex-needs-feeder',
  duplicateName: 'setting.duplicate-name',
  oneDefault: 'setting.one-default',
} as const;

export const SCAN_PROFILE_DPI = { min: 200, max: 1200 } as const;
export const SCAN_PROFILE_COLOR_MODES = ['color', 'gray'] as const;
export const SCAN_PROFILE_SOURCES = ['flatbed', 'adf'] as const;
/** Paper sizes a profile names; `custom` takes its width and height in millimetres. */
export const SCAN_PROFILE_PAPERS = ['A4', 'A3', 'Letter', 'custom'] as const;
export type ScanProfilePaper = (typeof SCAN_PROFILE_PAPERS)[number];
/** A custom page: from a small card to the largest scan bed in use; the device's own limit is checked when it scans. */
export const SCAN_PROFILE_CUSTOM_MM = { min: 20, max: 1000 } as const;
export const PAPER_SIZES_MM: Record<Exclude<ScanProfilePaper, 'custom'>, { widthMm: number; heightMm: number }> = {
  A4: { widthMm: 210, heightMm: 297 },
  A3: { widthMm: 297, heightMm: 420 },
  Letter: { widthMm: 215.9, heightMm: 279.4 },
};

const millimetres = z
  .number(SCAN_PROFILE_PROBLEM.range)
  .min(SCAN_PROFILE_CUSTOM_MM.min, SCAN_PROFILE_PROBLEM.range)
  .max(SCAN_PROFILE_CUSTOM_MM.max, SCAN_PROFILE_PROBLEM.range);

export const ScanProfile = z
  .object({
    name: z.string().trim().min(1, SCAN_PROFILE_PROBLEM.required).max(60, SCAN_PROFILE_PROBLEM.tooLong),
    driver: z.string().trim().min(1, SCAN_PROFILE_PROBLEM.required).max(64, SCAN_PROFILE_PROBLEM.tooLong),
    deviceId: z.string().trim().min(1, SCAN_PROFILE_PROBLEM.required).max(1000, SCAN_PROFILE_PROBLEM.tooLong),
    dpi: z
      .number(SCAN_PROFILE_PROBLEM.range)
      .int(SCAN_PROFILE_PROBLEM.range)
      .min(SCAN_PROFILE_DPI.min, SCAN_PROFILE_PROBLEM.range)
      .max(SCAN_PROFILE_DPI.max, SCAN_PROFILE_PROBLEM.range),
    colorMode: z.enum(SCAN_PROFILE_COLOR_MODES, SCAN_PROFILE_PROBLEM.choice),
    source: z.enum(SCAN_PROFILE_SOURCES, SCAN_PROFILE_PROBLEM.choice),
    duplex: z.boolean(SCAN_PROFILE_PROBLEM.choice),
    // Profiles saved before paper size was part of them scanned A4.
    paper: z.enum(SCAN_PROFILE_PAPERS, SCAN_PROFILE_PROBLEM.choice).default('A4'),
    widthMm: millimetres.optional(),
    heightMm: millimetres.optional(),
    /** The profile the desk's scan control starts on. */
    default: z.boolean(SCAN_PROFILE_PROBLEM.choice).optional(),
  })
  .refine((p) => !p.duplex || p.source === 'adf', { message: SCAN_PROFILE_PROBLEM.duplexNeedsFeeder, path: ['duplex'] })
  .refine((p) => p.paper !== 'custom' || p.widthMm !== undefined, { message: SCAN_PROFILE_PROBLEM.required, path: ['widthMm'] })
  .refine((p) => p.paper !== 'custom' || p.heightMm !== undefined, { message: SCAN_PROFILE_PROBLEM.required, path: ['heightMm'] });
export type ScanProfile = z.infer<typeof ScanProfile>;

export const ScanProfiles = z
  .array(ScanProfile, SCAN_PROFILE_PROBLEM.choice)
  .max(20, SCAN_PROFILE_PROBLEM.tooLong)
  .superRefine((profiles, ctx) => {
    const seen = new Set<string>();
    profiles.forEach((p, i) => {
      const name = p.name.toLocaleLowerCase('vi');
      if (seen.has(name)) ctx.addIssue({ code: 'custom', message: SCAN_PROFILE_PROBLEM.duplicateName, path: [i, 'name'] });
      seen.add(name);
    });
    profiles.forEach((p, i) => {
      if (p.default && profiles.findIndex((q) => q.default) < i)
        ctx.addIssue({ code: 'custom', message: SCAN_PROFILE_PROBLEM.oneDefault, path: [i, 'default'] });
    });
  });

/** The scanner's source for a profile: the feeder's both sides when duplex. */
export const scanSourceOf = (p: Pick<ScanProfile, 'source' | 'duplex'>): 'flatbed' | 'adf' | 'duplex' =>
  p.source === 'adf' && p.duplex ? 'duplex' : p.source;

/** The page a profile scans, in millimetres. */
export function paperSizeOf(p: Pick<ScanProfile, 'paper' | 'widthMm' | 'heightMm'>): { widthMm: number; heightMm: number } {
  return p.paper === 'custom' ? { widthMm: p.widthMm ?? 0, heightMm: p.heightMm ?? 0 } : PAPER_SIZES_MM[p.paper];
}

/** The profiles as the desk offers them: the default first, the others in their saved order. */
export function profilesDefaultFirst<P extends Pick<ScanProfile, 'default'>>(profiles: readonly P[]): P[] {
  return [...profiles.filter((p) => p.default), ...profiles.filter((p) => !p.default)];
}
