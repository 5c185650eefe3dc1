/** Checks a record's bytes before the hub acknowledges it. */
export interface RecordVerifier {
  verify(bytes: Uint8Array): Promise<RecordVerdict>;
}

export type RecordVerdict = { ok: true } | { ok: false; reason: 'not-pdf' | 'unsigned' | 'signature-invalid'; detail: string };
