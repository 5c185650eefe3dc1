import type { Box } from '../../../shared/page-text';

export type FieldKind = 'cccd' | 'cmnd' | 'date' | 'doc_number' | 'name' | 'phone' | 'address';

/** One value found on a page, with where it came from and how sure the extractor is. */
export interface ExtractedField {
  kind: FieldKind;
  /** Normalised value: digits only for ids and phones, ISO for dates, NFC text otherwise. */
  value: string;
  /** The text as read, before normalisation. */
  raw: string;
  /** 0–1: the OCR confidence of the words, lowered for repairs and missing context. */
  confidence: number;
  /** Union of the boxes of the words the value came from (image pixels). */
  bbox: { x0: number; y0: number; x1: number; y1: number } | Box;
  /** Index of the first line (in PageText.lines) the value came from. */
  line: number;
}

export interface DocKindGuess {
  kind: DocKind | 'unknown';
  /** 0–1 */
  score: number;
}

/** Document kinds of the vi-admin corpus (manifest `doc_kind`). */
export const DOC_KINDS = [
  'to_khai_khai_sinh',
  'to_khai_ket_hon',
  'to_khai_xac_nhan_hon_nhan',
  'don_de_nghi',
  'quyet_dinh',
  'giay_chung_nhan_dkkd',
  'don_xin_phep_xay_dung',
  'don_dat_dai',
  'giay_bien_nhan',
  'giay_uy_quyen',
  'giay_xac_nhan',
] as const;

export type DocKind = (typeof DOC_KINDS)[number];

export interface PageFields {
  cccd: ExtractedField[];
  cmnd: ExtractedField[];
  dates: ExtractedField[];
  /** The signing date (place-date line, `Thủ Dầu Một, ngày … tháng … năm …`), when found. */
  docDate: ExtractedField | null;
  docNumber: ExtractedField | null;
  names: ExtractedField[];
  phones: ExtractedField[];
  addresses: ExtractedField[];
  docKind: DocKindGuess;
}
