import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from '../../src/renderer/src/i18n/format-date';
import { REPO } from '../support/cli';

const RENDERER = join(REPO, 'src/renderer/src');
/** The one place that turns a date into text for people. */
const FORMATTER = join(RENDERER, 'i18n/format-date.ts');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('dates on screen read dd/mm/yyyy, never in the browser’s own order', () => {
  it('formats days and moments day first, the year in full', () => {
    expect(formatDate('2026-12-03', 'vi')).toBe('03/12/2026');
    expect(formatDateTime('2026-12-03T02:05:09Z', 'vi')).toMatch(/^\d{2}:\d{2} 0[2-4]\/12\/2026$/);
    expect(formatDateTime('2026-12-03T02:05:09Z', 'vi', true)).toMatch(/^\d{2}:\d{2}:09 0[2-4]\/12\/2026$/);
  });

  it('leaves no date to the browser’s locale anywhere else in the renderer (vi-VN short is 3/12/26)', () => {
    const offenders = sources(RENDERER)
      .filter((f) => f !== FORMATTER)
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${f.slice(RENDERER.length + 1)}:${i + 1}`, line }))
          .filter(({ line }) => /toLocale(Date|Time)?String\(|Intl\.DateTimeFormat|dateStyle/.test(line)),
      )
      .map(({ where, line }) => `${where}: ${line.trim()}`);
    expect(offenders).toEqual([]);
  });
});
