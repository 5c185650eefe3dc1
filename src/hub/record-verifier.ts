/** Checks a record's bytes before the hub acknowledges it. */
export interface RecordVerifier {
  verify(bytes: Uint8Array): Promise<RecordVerdict>;
}

/**
 * `recordFields`: the PDF's own XMP record fields, when the verifier read them (null: no metadata
 * stream); `pageCount`: the pages of its page tree, when the verifier parsed it; `signedBeforeLast`:
 * the first signature is valid and covers its whole revision, and a later signature or document
 * timestamp was appended after it (a PDF signed elsewhere before the workstation signed or
 * timestamped it). A refused PDF may still say what the verifier read of it.
 */
export interface RecordFacts {
  recordFields?: Record<string, string> | null;
  pageCount?: number;
  signedBeforeLast?: boolean;
}

export type RecordVerdict =
  ({ ok: true } & RecordFacts) | ({ ok: false; reason: 'not-pdf' | 'unsigned' | 'signature-invalid'; detail: string } & RecordFacts);
