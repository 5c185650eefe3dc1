import { PROBLEM } from '../../shared/contract';
import { checkCccd } from '../../shared/cccd';
import { parseDayMonthYear } from '../../shared/dates';
import { DESK_FIELD_NAMES, type DeskField, type DeskFieldName } from '../../shared/types';
import type { ExtractedField, PageFields } from '../ocr/fields/field-types';
import type { FieldCorrection } from '../store/desk-repository';

type Reading = { field: ExtractedField; pageId: number | null };

const pick: Record<DeskFieldName, (f: PageFields) => ExtractedField[]> = {
  cccd: (f) => f.cccd,
  name: (f) => f.names,
  docNumber: (f) => (f.docNumber ? [f.docNumber] : []),
  docDate: (f) => (f.docDate ? [f.docDate] : []),
  phone: (f) => f.phones,
  address: (f) => f.addresses,
};

/** The best reading of each field over a document's pages (`pageIds[i]` is the page `pages[i]` was read from). */
function bestReadings(pages: PageFields[], pageIds: (number | null)[]): Map<DeskFieldName, Reading> {
  const best = new Map<DeskFieldName, Reading>();
  for (const name of DESK_FIELD_NAMES) {
    pages.forEach((page, i) => {
      for (const field of pick[name](page)) {
        const held = best.get(name);
        if (!held || field.confidence > held.field.confidence) best.set(name, { field, pageId: pageIds[i] ?? null });
      }
    });
  }
  return best;
}

/** The fields the clerk checks: the OCR's best reading of each, with the clerk's correction over it. */
export function deskFields(pages: PageFields[], pageIds: (number | null)[], corrections: FieldCorrection[]): DeskField[] {
  const best = bestReadings(pages, pageIds);
  return DESK_FIELD_NAMES.map((name) => {
    const reading = best.get(name);
    const correction = corrections.find((c) => c.name === name);
    const bbox = reading
      ? { x0: reading.field.bbox.x0, y0: reading.field.bbox.y0, x1: reading.field.bbox.x1, y1: reading.field.bbox.y1 }
      : null;
    return {
      name,
      value: correction?.value ?? reading?.field.value ?? null,
      ocrValue: reading?.field.value ?? null,
      confidence: reading ? reading.field.confidence : null,
      pageId: reading?.pageId ?? null,
      bbox,
      corrected: correction !== undefined,
    };
  });
}

/** Why a corrected value cannot stand, as a contract problem code; undefined when it can. */
export function fieldValueProblem(name: DeskFieldName, value: string): string | undefined {
  if (name === 'cccd' && !checkCccd(value).ok) return PROBLEM.cccd;
  if (name === 'docDate' && parseDayMonthYear(value) === null) return PROBLEM.date;
  if (name === 'phone' && !/^\+?[\d .-]{8,15}$/.test(value)) return PROBLEM.phone;
  return undefined;
}

/** Normalised as the extractors normalise: digits only for ids and phones, ISO dates, NFC text otherwise. */
export function normaliseFieldValue(name: DeskFieldName, value: string): string {
  if (name === 'cccd' || name === 'phone') return value.replace(/\D/g, '');
  if (name === 'docDate') return parseDayMonthYear(value) ?? value;
  return value.normalize('NFC');
}
