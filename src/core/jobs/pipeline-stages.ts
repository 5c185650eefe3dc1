import type { AgencyIdentity } from '../../shared/agency';
import type { PageText } from '../../shared/page-text';
import type { OcrModel } from '../ocr/language-data';
import type { ArchivalMetadata } from '../record/record-metadata';

/** A page after clean-up: the record's image (colour/grey kept) and the copy OCR reads. */
export interface CleanedImage {
  image: Buffer;
  imageFormat: 'jpeg' | 'png';
  ocrImage: Buffer;
  thumbnail: Buffer | null;
  /** Screen-size JPEG for the desk's viewer (optional: the viewer falls back to the cleaned image). */
  preview?: Buffer | null;
  width: number;
  height: number;
  dpi: number;
  dpiAssumed: boolean;
  colorMode: 'color' | 'gray' | 'bw';
  rotationApplied: number;
  skewCorrected: number;
  blank: boolean;
  flags: string[];
  phash: string | null;
}

export interface ExtractedFields {
  docKind: string | null;
  docNumber: string | null;
  docDate: string | null;
  all: unknown;
}

export interface RecordPageInput {
  image: Buffer;
  format: 'jpeg' | 'png';
  width: number;
  height: number;
  dpi: number;
  colorMode: 'color' | 'gray' | 'bw';
  text?: PageText;
}

export interface RecordInfo {
  /** For an archive dossier: its box, number, year, retention and register title. */
  archive?: ArchivalMetadata;
  dossierCode: string;
  procedureCode: string | null;
  title: string;
  docKind: string | null;
  docNumber: string | null;
  docDate: string | null;
  /** The agency the dossier was taken in under: the digitizing agency in the record's metadata. */
  agency: AgencyIdentity;
  /** For an archive dossier: the agency that issued the paper, as named then (the batch's). */
  issuingAgencyAtIssue?: string;
  digitizedBy: string;
  /** The `record.compression` setting: colour and grey pages as layers (mrc) or as the scan's JPEG. */
  compression?: 'mrc' | 'jpeg';
}

/** The `ocr.model`, `ocr.languages` and `ocr.workers` settings when a page is read. */
export interface OcrReading {
  model: OcrModel;
  /** Tesseract language codes, e.g. ['vie'] or ['vie', 'eng']. */
  languages: string[];
  /** The OCR pool's size. */
  workers: number;
}

/**
 * The pipeline's stages, each one job with typed input and output. The jobs in pipeline.ts chain
 * them; nothing here knows about the store.
 */
export interface PipelineStages {
  clean(bytes: Buffer, label: string): Promise<CleanedImage>;
  /** `reading`: the OCR settings as the page is read (a change applies to the next page). */
  read(ocrImage: Buffer, label: string, reading?: OcrReading): Promise<PageText>;
  extract(pages: PageText[]): ExtractedFields;
  assemble(pages: RecordPageInput[], info: RecordInfo): Promise<Uint8Array>;
}
