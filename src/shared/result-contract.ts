/** Input schemas and result types of the hand-back (Trả kết quả) and the working-day calendar (see contract.ts). */
import { z } from 'zod';
import { isIsoDate } from './dates';

/** The kinds of result a procedure ends in. */
export const RESULT_KINDS = ['quyet-dinh', 'giay-chung-nhan', 'giay-phep', 'trich-luc', 'van-ban-tra-loi', 'khac'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

export const RECEIVER_KINDS = ['applicant', 'authorized'] as const;
export type ReceiverKind = (typeof RECEIVER_KINDS)[number];
export const HAND_BACK_METHODS = ['desk', 'post', 'electronic'] as const;
export type HandBackMethod = (typeof HAND_BACK_METHODS)[number];

const id = z.number().int().positive();
const isoDay = z.string().trim().min(1, 'required').refine(isIsoDate, 'date.invalid');
const text = (max: number) => z.string().trim().max(max, 'too-long');
const instant = z
  .string()
  .trim()
  .refine(
    (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)),
    'date.invalid',
  );

export const ResultCreateInput = z.object({
  dossierId: id,
  kind: z.enum(RESULT_KINDS),
  number: text(100).optional(),
  date: isoDay.optional(),
  title: text(500).optional(),
});
/**
 * The PDF the specialised system produced, as its bytes in base64 (at most 11 MB decoded, under the transport's
 * message limit): the clerk picks it in the window, the command line reads it itself; the engine reads no path.
 */
export const ResultImportPdfInput = z.object({
  documentId: id,
  name: z.string().trim().min(1, 'required').max(500, 'too-long'),
  dataBase64: z.string().min(1, 'required').max(15_000_000, 'too-long'),
});
export const ResultDocumentInput = z.object({ documentId: id });
/** When the result is (or would be) handed back; none: now. */
export const ResultTimelinessInput = z.object({ dossierId: id, returnedAt: instant.optional() });
export const HandBackInput = z.object({
  dossierId: id,
  returnedAt: instant.optional(),
  receiverName: text(200).min(1, 'required'),
  receiverKind: z.enum(RECEIVER_KINDS).default('applicant'),
  /** The giấy ủy quyền's number or description, when an authorised person receives it. */
  authorizationRef: text(200).optional(),
  method: z.enum(HAND_BACK_METHODS).default('desk'),
  /** Late: why (phiếu xin lỗi và hẹn lại ngày trả kết quả). */
  lateReason: text(1000).optional(),
  /** Late: the new appointment given to the applicant, if the result was not handed back after all. */
  newDate: isoDay.optional(),
});
/** The QC station marks a document of an archive dossier as its result (or takes the mark off). */
export const BatchMarkResultInput = z.object({
  batchId: id,
  documentId: id,
  isResult: z.boolean().default(true),
  kind: z.enum(RESULT_KINDS).default('khac'),
});
/** The QC station moves the chosen pages of an archive folder's document into a new document marked as the result. */
export const BatchSplitResultInput = z.object({
  batchId: id,
  documentId: id,
  pageIds: z.array(id).min(1).max(5000),
  kind: z.enum(RESULT_KINDS).default('khac'),
});
export const CalendarYearInput = z.object({ year: z.number().int().min(2000).max(2100) });
export const CalendarSetInput = z
  .object({ year: z.number().int().min(2000).max(2100), days: z.array(isoDay).max(60, 'too-long') })
  .refine((i) => i.days.every((d) => d.startsWith(`${i.year}-`)), { message: 'date.invalid', path: ['days'] });

/** Whether a hand-back at a given time is on time, against the due date and the working-day calendar. */
export interface Timeliness {
  dossierId: number;
  dueDate: string | null;
  /** The due date, moved to the next working day when it falls on a weekend or holiday. */
  deadline: string | null;
  /** The local day of the hand-back. */
  returnedDay: string;
  /** null without a due date. */
  onTime: boolean | null;
  workingDaysLate: number;
}

export interface HandBack extends Timeliness {
  returnedAt: string;
  receiverName: string;
  receiverKind: ReceiverKind;
  authorizationRef: string | null;
  method: HandBackMethod;
  clerk: string;
  lateReason: string | null;
  newDate: string | null;
}

export interface ResultSignResult {
  documentId: number;
  recordId: number;
  version: number;
  /** Signatures the PDF carried before (an imported result signed by the specialised system). */
  signaturesBefore: number;
  /** True when the file was already signed: SoHoa's signature is a counter-signature, appended. */
  countersigned: boolean;
  /**
   * The time evidence on the signed result: 'present' (a timestamp from the authority, on the signature or
   * the document), 'none' (no authority configured), 'unreachable' (the authority did not answer, so it was
   * signed without: add a document timestamp later with result.timestamp).
   */
  timestamp: 'present' | 'none' | 'unreachable';
}

/** A PAdES document timestamp added to a signed result, as the record's next version. */
export interface ResultTimestampResult {
  documentId: number;
  recordId: number;
  version: number;
  /** The authority's time, ISO 8601. */
  time: string;
  authority: string;
}

export interface ResultImportResult {
  documentId: number;
  recordId: number;
  pageCount: number;
  signatures: number;
}
