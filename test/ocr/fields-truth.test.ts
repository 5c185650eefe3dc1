import { describe, expect, it } from 'vitest';
import { extractFields } from '../../src/core/ocr/fields/extract-fields';
import type { PageFields } from '../../src/core/ocr/fields/field-types';
import { pageTextFromPlainText } from '../../src/core/ocr/page-text-from-plain-text';
import { corpusPages, truthText } from './corpus';

interface Tally {
  found: number;
  correct: number;
  expected: number;
}

const pages = corpusPages().filter((p) => !p.expected_blank);
const extracted = new Map<string, PageFields>(pages.map((p) => [p.id, extractFields(pageTextFromPlainText(truthText(p)))]));

function tally(got: (fields: PageFields) => string[], want: (page: (typeof pages)[number]) => string[]): Tally {
  const t: Tally = { found: 0, correct: 0, expected: 0 };
  for (const page of pages) {
    const found = new Set(got(extracted.get(page.id)!));
    const expected = new Set(want(page));
    t.found += found.size;
    t.expected += expected.size;
    for (const v of found) if (expected.has(v)) t.correct++;
  }
  return t;
}

const precision = (t: Tally) => (t.found ? t.correct / t.found : 1);
const recall = (t: Tally) => (t.expected ? t.correct / t.expected : 1);

describe('field extraction on the corpus ground truth', () => {
  it('finds the CCCD numbers: recall ≥ 95%, precision ≥ 98%', () => {
    const t = tally(
      (f) => f.cccd.map((x) => x.value),
      (p) => p.fields.cccd ?? [],
    );
    expect(t.expected).toBeGreaterThan(15);
    expect(recall(t)).toBeGreaterThanOrEqual(0.95);
    expect(precision(t)).toBeGreaterThanOrEqual(0.98);
  });

  it('finds the dates as ISO: recall ≥ 95%, precision ≥ 98%', () => {
    const t = tally(
      (f) => f.dates.map((x) => x.value),
      (p) => p.fields.dates ?? [],
    );
    expect(t.expected).toBeGreaterThan(40);
    expect(recall(t)).toBeGreaterThanOrEqual(0.95);
    expect(precision(t)).toBeGreaterThanOrEqual(0.98);
  });

  it('finds the signing date', () => {
    const t = tally(
      (f) => (f.docDate ? [f.docDate.value] : []),
      (p) => (p.fields.doc_date ? [p.fields.doc_date] : []),
    );
    expect(recall(t)).toBeGreaterThanOrEqual(0.9);
    expect(precision(t)).toBeGreaterThanOrEqual(0.9);
  });

  it('finds the document number and symbol', () => {
    const t = tally(
      (f) => (f.docNumber ? [f.docNumber.value] : []),
      (p) => (p.fields.doc_number ? [p.fields.doc_number] : []),
    );
    expect(t.expected).toBeGreaterThanOrEqual(4);
    expect(recall(t)).toBe(1);
    expect(precision(t)).toBe(1);
  });

  it('finds the phone numbers as digits', () => {
    const t = tally(
      (f) => f.phones.map((x) => x.value),
      (p) => p.fields.phones ?? [],
    );
    expect(t.expected).toBeGreaterThan(8);
    expect(recall(t)).toBeGreaterThanOrEqual(0.9);
    expect(precision(t)).toBeGreaterThanOrEqual(0.95);
  });

  it('finds the person names after their labels', () => {
    const t = tally(
      (f) => f.names.map((x) => x.value),
      (p) => p.fields.names ?? [],
    );
    expect(recall(t)).toBeGreaterThanOrEqual(0.85);
    expect(precision(t)).toBeGreaterThanOrEqual(0.85);
  });

  it('classifies the document kind', () => {
    const right = pages.filter((p) => extracted.get(p.id)!.docKind.kind === p.doc_kind).length;
    expect(right / pages.length).toBeGreaterThanOrEqual(0.9);
    for (const p of pages) {
      const guess = extracted.get(p.id)!.docKind;
      if (guess.kind !== 'unknown' && guess.kind !== p.doc_kind) expect.fail(`${p.id}: ${guess.kind} instead of ${p.doc_kind}`);
    }
  });

  it('takes each address to its province, across wrapped lines', () => {
    for (const p of pages) {
      for (const a of extracted.get(p.id)!.addresses) {
        expect(truthText(p).replace(/\s+/g, ' ')).toContain(a.value);
        expect(a.value).not.toMatch(/Điện thoại|Email/);
      }
    }
    const all = pages.flatMap((p) => extracted.get(p.id)!.addresses);
    expect(all.length).toBeGreaterThan(20);
    expect(all.filter((a) => /tỉnh Bình Dương$/.test(a.value)).length / all.length).toBeGreaterThan(0.8);
  });
});
