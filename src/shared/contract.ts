/**
 * The engine's API, declared once. Each method has a zod schema for its input (checked at the
 * engine's edge) and a TypeScript type for its result. Both transports (Electron message ports,
 * WebSocket) carry exactly these methods and events; no other channel name exists.
 */
import { z } from 'zod';
import { checkCccd } from './cccd';
import { isIsoDate, parseDayMonthYear } from './dates';
import type { AddPagesResult, Dossier, DossierPage, DocumentSummary, Procedure, SearchHit, StatusReport } from './types';
import type {
  DeskField,
  DeskView,
  FinalizeResult,
  PendingTimestamps,
  PendingTimestampsResult,
  RecordVerification,
  RescanResult,
  ReuseCandidate,
  ScannerDevice,
  ScanResult,
  CertificateSummary,
  SignerStatus,
  TrustAnchorView,
} from './types';
import type { PageText } from './page-text';
import type { ReceiptSheet } from './receipt-sheet';
import { RecordFileInput, type RecordFile } from './record-view-contract';
import { DRILL_FIGURES, type BreakdownRow, type Dashboard, type DrillRow, type Indicators, type ProvinceProgress } from './indicators';
import type { RecordSyncState, SyncChangedEvent, SyncStatus } from './sync-status';
import type { BatchQcView, BatchSignResult, BatchSummary } from './archive-types';
import type { BatchReport, QcItem } from './batch-report';
import { BatchSetupInput, type BatchSetupPreview, type BatchStartResult } from './batch-start-contract';
import { BatchRunInput, BatchRunStopInput, type BatchRunEvent, type BatchRunResult } from './batch-run-contract';
import { RegisterPreviewInput, type RegisterPreview } from './register-preview';
import type { MethodName } from './methods';
import { CatalogImportInput, type CatalogImportResult } from './catalog-contract';
import { AuditVerifyInput, type AuditCheck } from './audit-verify-contract';
import { SummaryVerifyInput, type SummaryVerifyResult } from './summary-verify-contract';
import { SyncExportBagInput, SyncSendInput, type SyncBagExport, type SyncSendEvent, type SyncSendSummary } from './sync-send-contract';
import {
  BatchMarkResultInput,
  BatchSplitResultInput,
  CalendarSetInput,
  CalendarYearInput,
  HandBackInput,
  ResultCreateInput,
  ResultDocumentInput,
  ResultImportPdfInput,
  ResultTimelinessInput,
  type HandBack,
  type ResultImportResult,
  type ResultSignResult,
  type ResultTimestampResult,
  type Timeliness,
} from './result-contract';
import { optionalAbsolutePath, type SettingView } from './settings-schema';
import type { BackupOutcome, StorageStatus } from './backup-types';
import { SettingsGetInput, SettingsSetInput } from './settings-contract';
import type { AuditEntry, AuthPolicy, AuthState, SignInResult, UserSummary } from './auth-types';
import {
  AUTH_PROBLEM,
  AuditExportInput,
  AuditListInput,
  DossierDeleteInput,
  LoginInput,
  ResumeInput,
  SetPolicyInput,
  SetupAdminInput,
  UnlockInput,
  UserCreateInput,
  UserDisableInput,
  UserResetPasswordInput,
  UserSetRoleInput,
} from './auth-contract';

export type { MethodName } from './methods';

/** Problem codes carried in validation issues; the UI maps them to Vietnamese or English text. */
export const PROBLEM = {
  required: 'required',
  tooLong: 'too-long',
  cccd: 'cccd.invalid',
  date: 'date.invalid',
  dateOrder: 'date.order',
  procedureUnknown: 'procedure.unknown',
  phone: 'phone.invalid',
  ...AUTH_PROBLEM,
} as const;

const requiredText = (max: number) => z.string().trim().min(1, PROBLEM.required).max(max, PROBLEM.tooLong);
/** A date as ISO; 30/11/2024, 30-11-2024 and 30.11.2024 are taken as the same day. */
const isoDate = z
  .string()
  .trim()
  .min(1, PROBLEM.required)
  .transform((v) => parseDayMonthYear(v) ?? v)
  .refine(isIsoDate, PROBLEM.date);
const cccd = z
  .string()
  .trim()
  .min(1, PROBLEM.required)
  .refine((v) => checkCccd(v).ok, PROBLEM.cccd);
const optionalText = (max: number) => z.string().trim().max(max, PROBLEM.tooLong).optional();

export const DossierCreateInput = z
  .object({
    procedureCode: requiredText(64),
    applicantName: requiredText(200),
    applicantCccd: cccd,
    applicantPhone: z
      .string()
      .trim()
      .refine((v) => v === '' || /^\+?[\d .-]{8,15}$/.test(v), PROBLEM.phone)
      .optional(),
    applicantAddress: optionalText(500),
    receivedDate: isoDate,
    dueDate: isoDate.optional(),
  })
  .refine((d) => !d.dueDate || !isIsoDate(d.receivedDate) || !isIsoDate(d.dueDate) || d.dueDate >= d.receivedDate, {
    message: PROBLEM.dateOrder,
    path: ['dueDate'],
  });

export const DossierListInput = z.object({
  query: z.string().max(200).optional(),
  /** Only dossiers taken in at the desk, or only those digitized from the archive; both when absent. */
  kind: z.enum(['intake', 'archive']).optional(),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
});

export const IdInput = z.object({ id: z.number().int().positive() });
export const ProcedureListInput = z.object({ query: z.string().max(200).optional() });
export const SearchInput = z.object({ text: requiredText(200), limit: z.number().int().min(1).max(200).default(50) });
export const EmptyInput = z.object({}).strict();
export const DocumentCreateInput = z.object({
  dossierId: z.number().int().positive(),
  component: z.string().trim().max(500).optional(),
  title: z.string().trim().max(500).optional(),
});
export const DossierIdInput = z.object({ dossierId: z.number().int().positive() });
/** A page image sent by the renderer (camera frame, dropped file): base64, at most 40 MB decoded. */
export const PageAddImageInput = z.object({
  documentId: z.number().int().positive(),
  imageBase64: z.string().min(1, PROBLEM.required).max(56_000_000, PROBLEM.tooLong),
  source: z.string().max(500).optional(),
});
export const DocumentImportFilesInput = z.object({
  documentId: z.number().int().positive(),
  paths: z.array(z.string().min(1).max(4096)).min(1, PROBLEM.required).max(10_000),
});
/** One file picked or dropped in the renderer, its bytes in base64 (at most 11 MB decoded, under the transport's message limit). */
export const DocumentUploadFileInput = z.object({
  documentId: z.number().int().positive(),
  name: z.string().trim().min(1, PROBLEM.required).max(500, PROBLEM.tooLong),
  dataBase64: z.string().min(1, PROBLEM.required).max(15_000_000, PROBLEM.tooLong),
});
/** `preview` is screen-size (PAGE_PREVIEW_WIDTH, for the viewer's lower zooms), `full` the cleaned page itself. */
export const PageImageInput = z.object({
  id: z.number().int().positive(),
  size: z.enum(['thumbnail', 'preview', 'full']).default('thumbnail'),
});

const positiveId = z.number().int().positive();
export const DocumentReuseInput = z.object({
  dossierId: positiveId,
  sourceDocumentId: positiveId,
  component: z.string().trim().max(500).optional(),
});
/** The clerk's rotation of a page, absolute (clockwise degrees over the cleaned page): asking twice changes nothing. */
export const PageRotateInput = z.object({
  pageId: positiveId,
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
});
export const PageIdInput = z.object({ pageId: positiveId });
/** Moves a page to a 1-based position in a document (the same one to reorder, another to split). */
export const PageMoveInput = z.object({
  pageId: positiveId,
  documentId: positiveId,
  position: z.number().int().min(1),
  /** The page ids of the page's document in the order the caller saw them: a move made against another order is refused. */
  expectedOrder: z.array(positiveId).max(10_000).optional(),
});
export const DocumentIdInput = z.object({ documentId: positiveId });
/** `confirmMissing`: the clerk was shown the procedure's components with no document and signs without them. */
export const DossierFinalizeInput = z.object({ dossierId: positiveId, confirmMissing: z.boolean().optional() });
export const DocumentSetFieldInput = z.object({
  documentId: positiveId,
  name: z.enum(['cccd', 'name', 'docNumber', 'docDate', 'phone', 'address']),
  value: z.string().trim().min(1, PROBLEM.required).max(500, PROBLEM.tooLong),
});
/**
 * Opens a certificate file for the session: the configured one (`signing.p12-path`) when neither
 * `p12Base64` nor `p12Path` is given; a file the clerk chose travels as its bytes, never as a path
 * (when `signing.other-file` allows it). `p12Path` is the command line's, on its own machine.
 */
export const SignerUnlockInput = z
  .object({
    p12Path: requiredText(4096).optional(),
    p12Base64: z.string().min(1, PROBLEM.required).max(1_000_000, PROBLEM.tooLong).optional(),
    password: z.string().max(1000),
  })
  .refine((i) => i.p12Path === undefined || i.p12Base64 === undefined, { message: PROBLEM.tooLong, path: ['p12Base64'] });
/**
 * A USB token: the configured module and label (`signing.pkcs11-module`, `signing.token-label`) when no module is given.
 * A signed-in caller may name only the configured module (else `signer.module-refused`); another is the local operator's.
 */
export const SignerUnlockTokenInput = z.object({
  modulePath: requiredText(4096).optional(),
  tokenLabel: z.string().trim().max(200).optional(),
  pin: z.string().min(1, PROBLEM.required).max(64),
});
/** The configured certificate opened only to read it (Settings › Signing): its password or its token's PIN. */
export const SignerInspectInput = z.object({ secret: z.string().min(1, PROBLEM.required).max(1000) });
/** A root certificate the administrator imports (PEM or DER), as its bytes. */
export const TrustAddInput = z.object({ certificateBase64: z.string().min(1, PROBLEM.required).max(200_000, PROBLEM.tooLong) });
/** A trust anchor, named by the SHA-256 of its certificate. */
export const TrustRemoveInput = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, PROBLEM.required) });
/** Reopening a finalized dossier is audited with the clerk's reason; what changes after it is signed as a new record version. */
export const DossierReopenInput = z.object({ id: positiveId, reason: requiredText(500) });
/** A new photo (base64) or file (path) for a page, in its place: the re-scan of a dossier captured without a scanner. */
export const PageReplaceInput = z
  .object({
    pageId: positiveId,
    imageBase64: z.string().min(1, PROBLEM.required).max(56_000_000, PROBLEM.tooLong).optional(),
    path: z.string().min(1).max(4096).optional(),
    source: z.string().max(500).optional(),
  })
  .refine((i) => (i.imageBase64 === undefined) !== (i.path === undefined), { message: PROBLEM.required, path: ['imageBase64'] });
export const RecordIdInput = z.object({ recordId: positiveId });
/** One dossier's records, or (none given) every record on the workstation. */
export const OptionalDossierInput = z.object({ dossierId: positiveId.optional() });
/** A page size in millimetres, as a scanner profile gives it. */
const PageSizeInput = z.object({ widthMm: z.number().min(1).max(2000), heightMm: z.number().min(1).max(2000) });

export const ScannerScanInput = z.object({
  documentId: positiveId,
  driver: requiredText(64),
  deviceId: requiredText(1000),
  dpi: z.number().int().min(75).max(1200).default(300),
  colorMode: z.enum(['color', 'gray', 'bw']).default('color'),
  source: z.enum(['flatbed', 'adf', 'duplex']).default('flatbed'),
  /** The page size a profile names; A4 when not given. */
  pageSize: PageSizeInput.optional(),
});

/** Enrollment with the hub from Settings: its address and the one-time code its administrator issued (`sohoa hub issue-code`). */
export const SyncEnrollInput = z.object({
  hubUrl: z
    .string()
    .trim()
    .max(2000, PROBLEM.tooLong)
    .refine((v) => /^https?:\/\/[^\s/]+/.test(v), PROBLEM.required),
  code: requiredText(200),
  /** The name the hub lists this workstation under; the `workstation.name` setting when not given. */
  name: requiredText(200).optional(),
});

/** A test scan from the Settings page's scanner profiles: one page, nothing stored. */
export const ScannerTestScanInput = z.object({
  driver: requiredText(64),
  deviceId: requiredText(1000),
  dpi: z.number().int().min(75).max(1200),
  colorMode: z.enum(['color', 'gray', 'bw']),
  source: z.enum(['flatbed', 'adf', 'duplex']),
  pageSize: PageSizeInput.optional(),
});

/** The page a test scan gave, as a small JPEG to show, with what the scanner delivered. */
export interface ScannerTestScanResult {
  previewBase64: string;
  widthPx: number;
  heightPx: number;
  dpi: number;
  colorMode: string;
}

/** The dashboard's filter; an empty text box means "all". */
const blankAsAll = z
  .string()
  .trim()
  .max(200, PROBLEM.tooLong)
  .transform((v) => v || undefined);
const filterText = blankAsAll.optional();
const filterDate = blankAsAll.refine((v) => v === undefined || isIsoDate(v), PROBLEM.date).optional();
export const IndicatorFilterInput = z.object({
  from: filterDate,
  to: filterDate,
  procedureCode: filterText,
  workstationId: filterText,
  field: filterText,
  clerk: filterText,
});
export const StatsBreakdownInput = z.object({
  filter: IndicatorFilterInput.prefault({}),
  dimension: z.enum(['workstation', 'clerk', 'procedure', 'field']),
});
export const StatsDrilldownInput = z.object({
  filter: IndicatorFilterInput.prefault({}),
  figure: z.enum(DRILL_FIGURES),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
});
export const StatsExportInput = z.object({ filter: IndicatorFilterInput.prefault({}), format: z.enum(['xlsx', 'pdf']) });
export const StatsProvinceInput = z.object({ refresh: z.boolean().default(true) });

/** The archive QC station: a batch, the dossiers approved (none given: every clean one), pause / resume / cancel. */
export const BatchIdInput = z.object({ batchId: positiveId });
export const BatchApproveInput = z.object({
  batchId: positiveId,
  dossierIds: z.array(positiveId).min(1, PROBLEM.required).max(100_000).optional(),
});
export const BatchControlInput = z.object({ batchId: positiveId, action: z.enum(['pause', 'resume', 'cancel']) });

/**
 * A backup now: into a dated folder inside the `backup.destination` setting; or, for the local operator alone
 * (`sohoa backup DEST`), written as `destination` itself, checked as that setting is (an absolute path) and kept
 * out of the data and key folders. A signed-in caller naming one is refused (`backup.destination-refused`).
 */
export const BackupRunInput = z.object({ destination: optionalAbsolutePath.refine((v) => v !== '', PROBLEM.required).optional() }).strict();

interface MethodSpec<I extends z.ZodType, R> {
  input: I;
  /** Phantom: carries the result type only. */
  result?: R;
}
const method = <I extends z.ZodType, R>(input: I): MethodSpec<I, R> => ({ input });

export const contract = {
  'procedure.list': method<typeof ProcedureListInput, Procedure[]>(ProcedureListInput),
  /** A procedure catalog's CSV, as text: the good rows stored, the bad ones reported by line. */
  'catalog.import': method<typeof CatalogImportInput, CatalogImportResult>(CatalogImportInput),
  'dossier.create': method<typeof DossierCreateInput, Dossier>(DossierCreateInput),
  'dossier.list': method<typeof DossierListInput, { items: Dossier[]; total: number }>(DossierListInput),
  'dossier.get': method<typeof IdInput, Dossier & { pages: DossierPage[] }>(IdInput),
  'search.query': method<typeof SearchInput, SearchHit[]>(SearchInput),
  'status.get': method<typeof EmptyInput, StatusReport>(EmptyInput),
  'document.create': method<typeof DocumentCreateInput, { id: number }>(DocumentCreateInput),
  'document.list': method<typeof DossierIdInput, DocumentSummary[]>(DossierIdInput),
  'document.importFiles': method<typeof DocumentImportFilesInput, AddPagesResult>(DocumentImportFilesInput),
  'document.uploadFile': method<typeof DocumentUploadFileInput, AddPagesResult>(DocumentUploadFileInput),
  'page.addImage': method<typeof PageAddImageInput, AddPagesResult>(PageAddImageInput),
  'page.image': method<typeof PageImageInput, { dataUrl: string }>(PageImageInput),
  'dossier.desk': method<typeof IdInput, DeskView>(IdInput),
  'dossier.reuseCandidates': method<typeof DossierIdInput, ReuseCandidate[]>(DossierIdInput),
  'document.reuse': method<typeof DocumentReuseInput, { id: number }>(DocumentReuseInput),
  'document.remove': method<typeof DocumentIdInput, { removed: true }>(DocumentIdInput),
  'page.rotate': method<typeof PageRotateInput, { changed: boolean }>(PageRotateInput),
  'page.delete': method<typeof PageIdInput, { deleted: boolean }>(PageIdInput),
  'page.move': method<typeof PageMoveInput, { changed: boolean }>(PageMoveInput),
  'page.text': method<typeof PageIdInput, { text: PageText | null }>(PageIdInput),
  'document.fields': method<typeof DocumentIdInput, DeskField[]>(DocumentIdInput),
  'document.setField': method<typeof DocumentSetFieldInput, DeskField>(DocumentSetFieldInput),
  'signer.unlock': method<typeof SignerUnlockInput, SignerStatus>(SignerUnlockInput),
  'signer.status': method<typeof EmptyInput, SignerStatus>(EmptyInput),
  'signer.unlockToken': method<typeof SignerUnlockTokenInput, SignerStatus>(SignerUnlockTokenInput),
  'signer.inspect': method<typeof SignerInspectInput, CertificateSummary>(SignerInspectInput),
  'trust.list': method<typeof EmptyInput, TrustAnchorView[]>(EmptyInput),
  'trust.add': method<typeof TrustAddInput, TrustAnchorView[]>(TrustAddInput),
  'trust.remove': method<typeof TrustRemoveInput, TrustAnchorView[]>(TrustRemoveInput),
  'dossier.finalize': method<typeof DossierFinalizeInput, FinalizeResult>(DossierFinalizeInput),
  'dossier.reopen': method<typeof DossierReopenInput, Dossier>(DossierReopenInput),
  'page.rescan': method<typeof PageIdInput, RescanResult>(PageIdInput),
  'page.replace': method<typeof PageReplaceInput, RescanResult>(PageReplaceInput),
  'record.verify': method<typeof RecordIdInput, RecordVerification>(RecordIdInput),
  'scanner.list': method<typeof EmptyInput, { devices: ScannerDevice[]; failures: { driver: string; code: string; message: string }[] }>(
    EmptyInput,
  ),
  'scanner.scan': method<typeof ScannerScanInput, ScanResult>(ScannerScanInput),
  'scanner.cancel': method<typeof DocumentIdInput, { cancelled: boolean }>(DocumentIdInput),
  'scanner.testScan': method<typeof ScannerTestScanInput, ScannerTestScanResult>(ScannerTestScanInput),
  'dossier.receipt': method<typeof IdInput, { pdfBase64: string; sheet: ReceiptSheet }>(IdInput),
  'auth.state': method<typeof EmptyInput, AuthState>(EmptyInput),
  'auth.setupAdmin': method<typeof SetupAdminInput, SignInResult>(SetupAdminInput),
  'auth.login': method<typeof LoginInput, SignInResult>(LoginInput),
  'auth.resume': method<typeof ResumeInput, AuthState>(ResumeInput),
  'auth.logout': method<typeof EmptyInput, AuthState>(EmptyInput),
  'auth.lock': method<typeof EmptyInput, AuthState>(EmptyInput),
  'auth.unlock': method<typeof UnlockInput, AuthState>(UnlockInput),
  'auth.policy': method<typeof EmptyInput, AuthPolicy>(EmptyInput),
  'auth.setPolicy': method<typeof SetPolicyInput, AuthPolicy>(SetPolicyInput),
  'user.list': method<typeof EmptyInput, UserSummary[]>(EmptyInput),
  'user.create': method<typeof UserCreateInput, UserSummary>(UserCreateInput),
  'user.setRole': method<typeof UserSetRoleInput, UserSummary>(UserSetRoleInput),
  'user.disable': method<typeof UserDisableInput, UserSummary>(UserDisableInput),
  'user.resetPassword': method<typeof UserResetPasswordInput, UserSummary>(UserResetPasswordInput),
  'audit.list': method<typeof AuditListInput, { items: AuditEntry[]; total: number }>(AuditListInput),
  'audit.export': method<typeof AuditExportInput, { rows: number; csv: string }>(AuditExportInput),
  /** The log's chain against its anchor outside the database; with `hub`, also against the head the hub last saw. */
  'audit.verify': method<typeof AuditVerifyInput, AuditCheck>(AuditVerifyInput),
  /** The log anchored at its head again, after its anchor was lost or damaged; only when the chain holds. */
  'audit.reAnchor': method<typeof EmptyInput, AuditCheck>(EmptyInput),
  'dossier.delete': method<typeof DossierDeleteInput, { deleted: true; code: string }>(DossierDeleteInput),
  'stats.dashboard': method<typeof IndicatorFilterInput, Dashboard>(IndicatorFilterInput),
  'stats.indicators': method<typeof IndicatorFilterInput, Indicators>(IndicatorFilterInput),
  'stats.breakdown': method<typeof StatsBreakdownInput, BreakdownRow[]>(StatsBreakdownInput),
  'stats.drilldown': method<typeof StatsDrilldownInput, { items: DrillRow[]; total: number }>(StatsDrilldownInput),
  'stats.export': method<typeof StatsExportInput, { fileName: string; mimeType: string; base64: string }>(StatsExportInput),
  'stats.province': method<typeof StatsProvinceInput, ProvinceProgress>(StatsProvinceInput),
  /** The dashboard's summaries recounted from the base tables, each difference told; with `rebuild`, repaired and audited. */
  'stats.verifySummaries': method<typeof SummaryVerifyInput, SummaryVerifyResult>(SummaryVerifyInput),
  'sync.status': method<typeof EmptyInput, SyncStatus>(EmptyInput),
  'sync.now': method<typeof EmptyInput, SyncStatus>(EmptyInput),
  'sync.enroll': method<typeof SyncEnrollInput, SyncStatus>(SyncEnrollInput),
  'sync.records': method<typeof DossierIdInput, RecordSyncState[]>(DossierIdInput),
  /** One send with the command line's options, its records told as `sync.send` events. */
  'sync.send': method<typeof SyncSendInput, SyncSendSummary>(SyncSendInput),
  /** Puts the records the hub rejected back in the queue. */
  'sync.retryRejected': method<typeof EmptyInput, { requeued: number }>(EmptyInput),
  'sync.exportBag': method<typeof SyncExportBagInput, SyncBagExport>(SyncExportBagInput),
  'batch.list': method<typeof EmptyInput, BatchSummary[]>(EmptyInput),
  'batch.qc': method<typeof BatchIdInput, BatchQcView>(BatchIdInput),
  /** The QC queue as a list of items in the order to look at them (pages, dossiers, register rows); `batch.qc` groups it by dossier. */
  'batch.qcItems': method<typeof BatchIdInput, { batchId: number; items: QcItem[] }>(BatchIdInput),
  'batch.report': method<typeof BatchIdInput, BatchReport>(BatchIdInput),
  'batch.approve': method<typeof BatchApproveInput, { approved: number[] }>(BatchApproveInput),
  'batch.control': method<typeof BatchControlInput, { changed: boolean; batch: BatchSummary }>(BatchControlInput),
  'batch.sign': method<typeof BatchIdInput, BatchSignResult>(BatchIdInput),
  'batch.signCancel': method<typeof BatchIdInput, { cancelled: boolean }>(BatchIdInput),
  'result.create': method<typeof ResultCreateInput, { id: number }>(ResultCreateInput),
  'result.importPdf': method<typeof ResultImportPdfInput, ResultImportResult>(ResultImportPdfInput),
  'result.sign': method<typeof ResultDocumentInput, ResultSignResult>(ResultDocumentInput),
  'result.timestamp': method<typeof ResultDocumentInput, ResultTimestampResult>(ResultDocumentInput),
  'result.timeliness': method<typeof ResultTimelinessInput, Timeliness>(ResultTimelinessInput),
  'result.handBack': method<typeof HandBackInput, HandBack>(HandBackInput),
  'result.status': method<typeof DossierIdInput, { handBack: HandBack | null }>(DossierIdInput),
  'calendar.holidays': method<typeof CalendarYearInput, { year: number; days: string[] }>(CalendarYearInput),
  'calendar.setHolidays': method<typeof CalendarSetInput, { year: number; days: string[] }>(CalendarSetInput),
  'batch.markResult': method<typeof BatchMarkResultInput, { documentId: number; dossierId: number; isResult: boolean }>(
    BatchMarkResultInput,
  ),
  'batch.splitResult': method<
    typeof BatchSplitResultInput,
    /** `approvalWithdrawn`: the dossier had been approved at QC; the split changed its documents, so it waits for QC again. */
    { documentId: number; resultDocumentId: number; dossierId: number; pages: number; approvalWithdrawn: boolean }
  >(BatchSplitResultInput),
  'batch.preview': method<typeof BatchSetupInput, BatchSetupPreview>(BatchSetupInput),
  /** The register alone, in full detail (`sohoa batch --preview`): encoding, VNI cells, sheets read, the first rows. */
  'batch.registerPreview': method<typeof RegisterPreviewInput, RegisterPreview>(RegisterPreviewInput),
  'batch.start': method<typeof BatchSetupInput, BatchStartResult>(BatchSetupInput),
  /** A whole run, as `sohoa batch` makes it: intake (or resume), the pages read, the end report; with `watch`, until stopped. */
  'batch.run': method<typeof BatchRunInput, BatchRunResult>(BatchRunInput),
  /** Asks a run to stop: the pages in hand are finished, the batch is paused. */
  'batch.runStop': method<typeof BatchRunStopInput, { stopping: boolean }>(BatchRunStopInput),
  'record.file': method<typeof RecordFileInput, RecordFile>(RecordFileInput),
  'record.pendingTimestamps': method<typeof OptionalDossierInput, PendingTimestamps>(OptionalDossierInput),
  'record.addPendingTimestamps': method<typeof OptionalDossierInput, PendingTimestampsResult>(OptionalDossierInput),
  'settings.list': method<typeof EmptyInput, SettingView[]>(EmptyInput),
  'settings.get': method<typeof SettingsGetInput, SettingView>(SettingsGetInput),
  'settings.set': method<typeof SettingsSetInput, SettingView[]>(SettingsSetInput),
  'backup.status': method<typeof EmptyInput, StorageStatus>(EmptyInput),
  'backup.run': method<typeof BackupRunInput, BackupOutcome>(BackupRunInput),
} satisfies Record<MethodName, MethodSpec<z.ZodType, unknown>>;

// Fails to compile when contract and METHOD_NAMES disagree.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const contractMatchesMethodNames: Exactly<keyof typeof contract, MethodName> = true;
export type MethodInput<K extends MethodName> = z.input<(typeof contract)[K]['input']>;
export type ParsedInput<K extends MethodName> = z.output<(typeof contract)[K]['input']>;
export type MethodResult<K extends MethodName> = NonNullable<(typeof contract)[K]['result']>;

/** What a client of the engine sees: one async function per method. */
export type EngineApi = { [K in MethodName]: (input: MethodInput<K>) => Promise<MethodResult<K>> };
/** What the engine implements: the same methods, with inputs already validated. */
export type EngineHandlers = { [K in MethodName]: (input: ParsedInput<K>) => Promise<MethodResult<K>> | MethodResult<K> };

/** Events the engine pushes to every connected client. */
export interface EngineEvents {
  progress: { task: string; label: string; done: number; total: number; ratePerMinute?: number; etaSeconds?: number };
  'job.changed': { id: number; kind: string; state: string };
  'dossier.changed': { id: number };
  'sync.changed': SyncChangedEvent;
  'sync.send': SyncSendEvent;
  'batch.run': BatchRunEvent;
}
export type EventName = keyof EngineEvents;
export const eventNames: EventName[] = ['progress', 'job.changed', 'dossier.changed', 'sync.changed', 'sync.send', 'batch.run'];
