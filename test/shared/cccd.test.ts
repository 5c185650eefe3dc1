import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCccd, isCmnd } from '../../src/shared/cccd';

const manifest = JSON.parse(readFileSync(new URL('../fixtures/vi-admin/manifest.json', import.meta.url), 'utf8')) as {
  pages: { fields?: { cccd?: string[] } }[];
};
const corpusCccds = manifest.pages.flatMap((p) => p.fields?.cccd ?? []);

describe('CCCD structure', () => {
  it('accepts every CCCD printed in the corpus', () => {
    expect(corpusCccds.length).toBeGreaterThan(5);
    for (const c of corpusCccds) expect(checkCccd(c), c).toMatchObject({ ok: true });
  });

  it('decodes province, sex and birth year', () => {
    // 074 = Bình Dương; digit 3 = woman born in the 2000s; 04 = 2004.
    expect(checkCccd('074304123456')).toEqual({ ok: true, info: { province: '074', sex: 'female', birthYear: 2004 } });
    expect(checkCccd('001090000001')).toEqual({ ok: true, info: { province: '001', sex: 'male', birthYear: 1990 } });
  });

  it('names what is wrong', () => {
    expect(checkCccd('07430412345')).toEqual({ ok: false, problem: 'format' });
    expect(checkCccd('07430412345a')).toEqual({ ok: false, problem: 'format' });
    expect(checkCccd('003090000001')).toEqual({ ok: false, problem: 'province' });
    expect(checkCccd('097090000001')).toEqual({ ok: false, problem: 'province' });
    expect(checkCccd('074490000001')).toEqual({ ok: false, problem: 'century' });
    expect(checkCccd('074299000001', 2026)).toEqual({ ok: false, problem: 'birth-year' });
  });

  it('tells old 9-digit CMND numbers apart', () => {
    expect(isCmnd('280123456')).toBe(true);
    expect(isCmnd('0743041234')).toBe(false);
  });
});
