/** Checks a record's bytes before the hub acknowledges it. */
export interface RecordVerifier {
  verify(bytes: Uint8Array): Promise<RecordVerdict>;
}

/**
 * `recordFields`: the PDF's own XMP record fields, when the verifier read them (null: no metadata
 * stream); `pageCount`: the pages of its page tree, when the verifier parsed it.
 */
export type RecordVerdict =
  | { ok: true; recordFields?: Record<string, string> | null; pageCount?: number }
  | { ok: false; reason: 'not-pdf' | 'unsigned' | 'signature-invalid'; detail: string };
