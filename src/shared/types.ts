/** Result types of the contract: what the engine returns, as plain data. */

export interface Procedure {
  code: string;
  name: string;
  field: string;
  level: string;
  processingDays: number | null;
  components: string[];
  isSample: boolean;
}

export type DossierKind = 'intake' | 'archive';
export type DossierStatus = 'received' | 'scanning' | 'checking' | 'finalized' | 'synced' | 'returned';

export interface Dossier {
  id: number;
  code: string;
  kind: DossierKind;
  procedureCode: string | null;
  procedureName: string | null;
  applicantName: string | null;
  applicantCccd: string | null;
  applicantPhone: string | null;
  applicantAddress: string | null;
  receivedDate: string | null;
  dueDate: string | null;
  status: DossierStatus;
  createdAt: string;
}

export interface DossierPage {
  id: number;
  documentId: number;
  position: number;
  imageSha256: string;
  ocrConfidence: number | null;
}

export interface SearchHit {
  dossierId: number;
  dossierCode: string;
  pageId: number | null;
  snippet: string;
}

export type JobState = 'queued' | 'leased' | 'done' | 'failed';

export interface StatusReport {
  dossiers: number;
  documents: number;
  pages: number;
  records: number;
  jobs: Record<JobState, number>;
  outbox: Record<string, number>;
  auditEvents: number;
}

export type PageState = 'captured' | 'cleaned' | 'read' | 'failed';

export interface PageSummary {
  id: number;
  position: number;
  source: string | null;
  state: PageState;
  width: number | null;
  height: number | null;
  dpi: number | null;
  colorMode: string | null;
  rotation: number;
  blank: boolean;
  flags: string[];
  ocrConfidence: number | null;
  error: { code: string; message: string } | null;
}

export interface RecordSummary {
  id: number;
  version: number;
  pdfSha256: string;
  signed: boolean;
  signer: string | null;
  signedAt: string | null;
  /** Which signing of the document this is (1 for the first), counting signed versions only; null when unsigned. */
  signedVersion: number | null;
  /** A result's latest version is SoHoa's PAdES document timestamp (over a PDF signed elsewhere, or its own signature). */
  sohoaTimestamp?: boolean;
}

export interface DocumentSummary {
  id: number;
  position: number;
  component: string | null;
  title: string | null;
  docKind: string | null;
  docNumber: string | null;
  docDate: string | null;
  /** The dossier's result (kết quả giải quyết), with its kind; added for the hand-back. */
  isResult: boolean;
  resultKind: string | null;
  pages: PageSummary[];
  record: RecordSummary | null;
}

export interface AddPagesResult {
  added: number[];
  duplicates: number[];
  errors: { source: string; code: string; message: string }[];
  /** Files imported all the same with something worth a look (e.g. import.pdf-repaired). */
  warnings?: { source: string; code: string; message: string }[];
}

/** One component of the procedure's checklist, and the documents that fill it. */
export interface ChecklistItem {
  component: string;
  /** The dossier's documents for this component, empty or not. */
  documentIds: number[];
  /** Some document for it has pages (or reuses a digitized one): an empty document never ticks it. */
  filled: boolean;
}

export interface DeskDocument extends DocumentSummary {
  /** The document this one reuses (digitized for the same person in an earlier dossier). */
  reusedFrom: number | null;
}

/** Where a finalization in progress stands; the engine keeps it, so a reopened window sees it. */
export interface FinalizeProgress {
  done: number;
  total: number;
}

/** What the desk shows for one dossier. */
export interface DeskView {
  dossier: Dossier;
  checklist: ChecklistItem[];
  documents: DeskDocument[];
  reusesData: boolean;
  finalizing: FinalizeProgress | null;
}

/** A document already digitized for the same applicant in another dossier. */
export interface ReuseCandidate {
  documentId: number;
  dossierId: number;
  dossierCode: string;
  component: string | null;
  title: string | null;
  docKind: string | null;
  recordId: number;
  signed: boolean;
}

export type DeskFieldName = 'cccd' | 'name' | 'docNumber' | 'docDate' | 'phone' | 'address';
export const DESK_FIELD_NAMES: DeskFieldName[] = ['name', 'cccd', 'docNumber', 'docDate', 'phone', 'address'];

/** One extracted field as the clerk sees it: the OCR reading, and the clerk's correction over it. */
export interface DeskField {
  name: DeskFieldName;
  value: string | null;
  ocrValue: string | null;
  /** 0–1, of the OCR reading. */
  confidence: number | null;
  pageId: number | null;
  bbox: { x0: number; y0: number; x1: number; y1: number } | null;
  corrected: boolean;
}

/** What a certificate says of itself, shown before signing with it or trusting it. */
export interface CertificateSummary {
  /** Subject CN, and O when present. */
  commonName: string;
  organization: string | null;
  /** The issuer's CN (O when it has none). */
  issuer: string;
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the DER, hex: names the certificate (a trust anchor to remove). */
  sha256: string;
}

/** The signing source the administrator configured (Settings › Signing): the desk asks only for its password or PIN. */
export interface ConfiguredSigner {
  source: 'file' | 'pkcs11';
  /** `signing.p12-path`, or null when none is set. */
  p12Path: string | null;
  /** Why the configured file cannot be used (`signer.configured-file-unreadable`), or null. */
  p12Problem: string | null;
  /** `signing.pkcs11-module` and `signing.token-label`, or null when not set. */
  modulePath: string | null;
  tokenLabel: string | null;
  /** `signing.other-file`: whether the clerk may open another certificate file than the configured one. */
  otherFileAllowed: boolean;
}

export interface SignerStatus {
  unlocked: boolean;
  subject: string | null;
  /** The unlocked certificate; null while locked. */
  certificate: CertificateSummary | null;
  configured: ConfiguredSigner;
}

/** One entry of `signing.trust-anchors`: a certificate imported in Settings, or a file or folder set by path. */
export interface TrustAnchorView {
  source: 'imported' | 'path';
  /** The file or folder, for an entry set by path. */
  path: string | null;
  certificate: CertificateSummary | null;
  /** Why the entry cannot be read (`signing.trust-anchor-unreadable`), or null. */
  problem: string | null;
}

export interface FinalizeResult {
  dossierId: number;
  signed: { documentId: number; recordId: number; version: number }[];
  alreadySigned: number[];
  /** Documents signed without a timestamp because the authority did not answer: the timestamp is added later. */
  timestampPending: number[];
}

/** What adding the timestamps that were waiting did: the documents now stamped, and those still waiting. */
/** Why a waiting timestamp was not added: the document, a code the UI words, and the message behind it. */
export interface TimestampFailure {
  documentId: number;
  code: string;
  message: string;
}

export interface PendingTimestampsResult {
  stamped: { documentId: number; recordId: number; version: number }[];
  /** Those tried and not added this round (the authority refusing ends the round: it is tried once). */
  failed: TimestampFailure[];
  stillPending: number[];
}

/** The records of a dossier (or all) waiting for their timestamp, and why the last try failed for those tried. */
export interface PendingTimestamps {
  documentIds: number[];
  failures: (TimestampFailure & { attempts: number })[];
}

export interface RecordVerification {
  recordId: number;
  intact: boolean;
  /** Why it is not intact (record.signer-untrusted: the signatures are sound, but no configured root vouches for the signer). */
  code: string | null;
  pageCount: number;
  signatures: { signer: string; valid: boolean; signingTime: string | null; problems: string[] }[];
  /** The latest time evidence from a timestamp authority: a document timestamp, else the last signature's timestamp. Valid: the token matches the file and the authority's signature verifies (trust in the authority is not judged here). */
  timestamp: { time: string; authority: string; valid: boolean; kind: 'document' | 'signature' } | null;
}

export interface ScannerDevice {
  driver: string;
  id: string;
  name: string;
}

/** The scanner and settings a dossier was last scanned with: a re-scan of one of its pages uses them. */
export interface ScanProfile {
  driver: string;
  deviceId: string;
  dpi: number;
  colorMode: 'color' | 'gray' | 'bw';
  source: 'flatbed' | 'adf' | 'duplex';
}

/** A flagged page scanned again: the new page stands where the old one stood; the old one is out of the record. */
export interface RescanResult {
  replaced: number;
  pageId: number;
}

export interface ScanResult {
  added: number[];
  duplicates: number[];
  cancelled: boolean;
  /** Why the scan stopped early; the pages scanned before stay in the document. */
  error: { code: string; message: string } | null;
}
