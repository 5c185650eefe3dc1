import type { AgencyIdentity } from '../../shared/agency';

/** The fields a record carries in its XMP metadata (docs/ARCHITECTURE.md, "The pipeline"). */
export interface RecordMetadata {
  title: string;
  dossierCode?: string;
  procedureCode?: string;
  documentKind?: string;
  documentNumber?: string;
  /** ISO date, YYYY-MM-DD */
  documentDate?: string;
  /** The issuing agency's name as it was when the paper was issued. */
  issuingAgencyAtIssue?: string;
  /** The same agency's name today (after the 2025 merges it may differ). */
  issuingAgencyToday?: string;
  /** The agency that digitized it (and its workstation and desk), as it was named then. */
  digitizingAgency?: AgencyIdentity;
  digitizedAt: Date;
  digitizedBy?: string;
  /** For a back-digitized archive dossier: where the paper is kept and what the register says of it. */
  archive?: ArchivalMetadata;
  /** Defaults to 'sohoa'. */
  producer?: string;
}

export type ColorMode = 'color' | 'gray' | 'bw';

/** What the record says about its scans, derived from the pages when it is built. */
export interface ScanFacts {
  pageCount: number;
  dpi: number;
  colorMode: ColorMode;
  /** How the pages' images are stored: 'mrc', 'image', 'bilevel', space-separated when pages differ. */
  imageEncoding?: string;
  /** Lowest resolution over the pages of the full-resolution layer (the text mask, or the image itself). */
  maskDpi?: number;
  /** Lowest resolution over the pages of the background (the image itself when not split). */
  backgroundDpi?: number;
  /** Lowest resolution of the colour foreground (seals, signatures), where a page has one. */
  foregroundDpi?: number;
}

/** The archival fields of a record made from an archive dossier (sổ theo dõi, kho lưu trữ). */
export interface ArchivalMetadata {
  box?: string;
  dossierNumber?: string;
  year?: number;
  retention?: string;
  registerTitle?: string;
}
