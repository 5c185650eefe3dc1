import { z } from 'zod';

/** The sync protocol between a workstation and the hub: bodies, metadata keys and error codes. */

export const SHA256 = z.string().regex(/^[0-9a-f]{64}$/);

/** An instant as the workstation writes it (`Date.toISOString()`, or with an offset), a real date. */
const isoInstant = z
  .string()
  .max(40)
  .refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)));
/** A calendar day, `YYYY-MM-DD`, that exists. */
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v));

export const EnrollRequest = z.object({ code: z.string().min(8).max(200), name: z.string().min(1).max(200) });
export type EnrollRequest = z.infer<typeof EnrollRequest>;

export const EnrollResponse = z.object({ workstationId: z.string(), token: z.string(), role: z.enum(['workstation', 'supervisor']) });
export type EnrollResponse = z.infer<typeof EnrollResponse>;

/** A dossier's hand-back (Trả kết quả) as the hub keeps it; `onTime` is null when the dossier had no due date. */
export const HandBackSummary = z.object({
  returnedAt: isoInstant,
  dueDate: isoDay.nullable(),
  deadline: isoDay.nullable(),
  onTime: z.boolean().nullable(),
  workingDaysLate: z.number().int().min(0).max(100_000),
  lateReason: z.string().max(1000).nullable(),
});
export type HandBackSummary = z.infer<typeof HandBackSummary>;

/** What the hub needs to know about one record version; `sha256` is what the workstation declares. */
export const RecordDescriptor = z.object({
  documentKey: z.string().min(1).max(200),
  version: z.number().int().min(1),
  sha256: SHA256,
  size: z.number().int().min(1),
  dossierCode: z.string().min(1).max(200),
  procedureCode: z.string().max(200).nullable(),
  agencyCode: z.string().max(200).nullable(),
  year: z.number().int().min(1900).max(2200).nullable(),
  status: z.string().max(100).nullable(),
  signedAt: z.string().max(100).nullable(),
  /** The record is the dossier's result (kết quả giải quyết); absent from workstations before the hand-back. */
  isResult: z.boolean().optional(),
  /** On a result record of a dossier handed back: when, against which due date, on time or late and why. */
  handBack: HandBackSummary.optional(),
  /**
   * The record's pages and kind of document (sohoa:documentKind), which the hub checks against the PDF.
   * Absent from workstations before this check: the hub then takes the PDF's own.
   */
  pageCount: z.number().int().min(1).max(1_000_000).optional(),
  documentKind: z.string().max(200).nullable().optional(),
});
export type RecordDescriptor = z.infer<typeof RecordDescriptor>;

/** Commit a record: with `uploadId` when its bytes went through tus, without when the hub may already hold them. */
export const CommitRequest = z.object({
  record: RecordDescriptor,
  uploadId: z
    .string()
    .regex(/^[0-9a-zA-Z_-]{1,100}$/)
    .optional(),
});
export type CommitRequest = z.infer<typeof CommitRequest>;

export const Receipt = z.object({
  receiptId: z.string(),
  workstationId: z.string(),
  documentKey: z.string(),
  version: z.number().int(),
  sha256: SHA256,
  storedAt: z.string(),
  /** True when this version was already stored (a repeat commit). */
  duplicate: z.boolean(),
});
export type Receipt = z.infer<typeof Receipt>;

/**
 * The audit log's head (its last event: sequence number and hash; seq 0 is the empty log), sent with
 * every sync. The hub keeps each workstation's heads so a log rewritten since can be told.
 */
export const AuditHead = z.object({ seq: z.number().int().min(0), hash: SHA256 });
export type AuditHead = z.infer<typeof AuditHead>;

export const AUDIT_HEAD_PATH = '/audit/head';

/** The last head the hub saw from the asking workstation, or null before its first sync. */
export const AuditHeadAnswer = z.object({ head: AuditHead.extend({ receivedAt: z.string() }).nullable() });
export type AuditHeadAnswer = z.infer<typeof AuditHeadAnswer>;

export const ProgressRow = z.object({ key: z.string().nullable(), records: z.number().int(), bytes: z.number() });
export const ProgressReport = z.object({
  total: z.object({ records: z.number().int(), bytes: z.number(), workstations: z.number().int() }),
  byAgency: z.array(ProgressRow),
  byProcedure: z.array(ProgressRow),
  byYear: z.array(ProgressRow),
  byStatus: z.array(ProgressRow),
  byDay: z.array(ProgressRow),
  /** Result records and the dossiers they belong to (absent from a hub before the hand-back). */
  results: z.object({ records: z.number().int(), dossiers: z.number().int() }).optional(),
  /** Dossiers handed back, on time and late (of those with a due date); absent from a hub that keeps no hand-backs. */
  handBacks: z
    .object({ total: z.number().int(), onTime: z.number().int(), late: z.number().int(), withReason: z.number().int() })
    .optional(),
});
export type ProgressReport = z.infer<typeof ProgressReport>;

/**
 * tus Upload-Metadata keys. The workstation declares `sha256` and, to have the record committed as
 * soon as its last byte arrives, `record` (a RecordDescriptor as JSON): the response to that last
 * request is then the Receipt. The hub sets `workstation`.
 */
export const UPLOAD_METADATA = { sha256: 'sha256', record: 'record', workstation: 'workstation' } as const;

/**
 * Small records skip tus: one `PUT /records/<sha256>` whose body is the PDF and whose `sohoa-record`
 * header is the RecordDescriptor as base64url JSON; the answer is the Receipt. Nothing to resume
 * below this size, so one request (no upload state on the hub) is the fastest safe way.
 */
export const DIRECT_UPLOAD = {
  path: '/records',
  header: 'sohoa-record',
  contentType: 'application/pdf',
  maxBytes: 8 * 1024 * 1024,
} as const;

/**
 * Several small records in one request: `POST /records/batch`, body = a 4-byte big-endian length,
 * that many bytes of `BatchManifest` JSON, then each record's bytes in the manifest's order. The
 * answer lists one outcome per record, in the same order: its receipt, or the coded reason it was
 * refused (the others are stored all the same). A hub without the route answers 404, and the
 * workstation sends those records one by one.
 */
export const BATCH_UPLOAD = {
  path: '/records/batch',
  contentType: 'application/vnd.sohoa.records',
  maxRecords: 64,
  /** The records' bytes; the manifest comes on top. */
  maxBytes: 4 * 1024 * 1024,
  maxManifestBytes: 256 * 1024,
} as const;

export const BatchManifest = z.object({ records: z.array(RecordDescriptor).min(1).max(BATCH_UPLOAD.maxRecords) });
export type BatchManifest = z.infer<typeof BatchManifest>;

export const BatchOutcome = z.union([
  z.object({ receipt: Receipt }),
  z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }) }),
]);
export type BatchOutcome = z.infer<typeof BatchOutcome>;

export const BatchResponse = z.object({ results: z.array(BatchOutcome) });
export type BatchResponse = z.infer<typeof BatchResponse>;

/**
 * Codes after which sending the same bytes again cannot succeed: the record is rejected, not retried.
 * A hash mismatch is not among them: the workstation checks its own bytes first, so a mismatch at
 * the hub means the bytes were damaged on the way, and a fresh upload is worth trying.
 */
export const FINAL_REJECTIONS: readonly string[] = [
  'sync.size-mismatch',
  'sync.not-pdf',
  'sync.signature-invalid',
  'sync.version-conflict',
  'sync.too-large',
  'sync.bad-request',
  'sync.metadata-mismatch',
  'sync.record-xmp-missing',
];

export const ErrorBody = z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() });
export type ErrorBody = z.infer<typeof ErrorBody>;
