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
}

export interface DocumentSummary {
  id: number;
  position: number;
  component: string | null;
  title: string | null;
  docKind: string | null;
  docNumber: string | null;
  docDate: string | null;
  pages: PageSummary[];
  record: RecordSummary | null;
}

export interface AddPagesResult {
  added: number[];
  duplicates: number[];
  errors: { source: string; code: string; message: string }[];
}
