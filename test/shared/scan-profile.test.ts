import { describe, expect, it } from 'vitest';
import { paperSizeOf, profilesDefaultFirst, ScanProfiles } from '../../src/shared/scan-profile';

const base = { driver: 'sane', deviceId: 'test:0', dpi: 300, colorMode: 'gray', source: 'flatbed', duplex: false } as const;
const problems = (value: unknown) => ScanProfiles.safeParse(value).error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];

describe('a scanner profile’s paper size and default', () => {
  it('reads a profile saved before paper size was part of it as A4', () => {
    const [profile] = ScanProfiles.parse([{ ...base, name: 'cũ' }]);
    expect(profile!.paper).toBe('A4');
    expect(paperSizeOf(profile!)).toEqual({ widthMm: 210, heightMm: 297 });
  });

  it('needs a width and a height for a custom size, each from 20 to 1000 mm', () => {
    expect(problems([{ ...base, name: 'tùy', paper: 'custom' }])).toEqual([
      ['0.widthMm', 'required'],
      ['0.heightMm', 'required'],
    ]);
    expect(problems([{ ...base, name: 'tùy', paper: 'custom', widthMm: 10, heightMm: 1200 }])).toEqual([
      ['0.widthMm', 'setting.range'],
      ['0.heightMm', 'setting.range'],
    ]);
    expect(problems([{ ...base, name: 'tùy', paper: 'B5' }])).toEqual([['0.paper', 'setting.choice']]);
    const [custom] = ScanProfiles.parse([{ ...base, name: 'tùy', paper: 'custom', widthMm: 100, heightMm: 150 }]);
    expect(paperSizeOf(custom!)).toEqual({ widthMm: 100, heightMm: 150 });
  });

  it('takes one default at most, and puts it first for the desk', () => {
    const a = { ...base, name: 'a' };
    const b = { ...base, name: 'b', default: true };
    const c = { ...base, name: 'c', default: true };
    expect(problems([a, b, c])).toEqual([['2.default', 'setting.one-default']]);
    expect(profilesDefaultFirst(ScanProfiles.parse([a, b])).map((p) => p.name)).toEqual(['b', 'a']);
  });
});
