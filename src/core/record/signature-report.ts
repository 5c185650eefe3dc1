/** What `verifyPdf` finds out about one signature. */
export interface SignatureReport {
  /** Field order in the file (1 = first signed). */
  index: number;
  /** The bytes it covers hash to the signed digest, the CMS signature checks out and the signing certificate attribute matches. */
  valid: boolean;
  /** The signer's certificate chains to a configured trust anchor, valid at the signing time (the timestamp's, else now), with the key usages it needs and not revoked as far as could be checked. */
  trusted: boolean;
  /** The subject of the trust anchor the chain ends at, when trusted. */
  trustedRoot?: string;
  /** Why the signer is not trusted, when it is not. */
  trustProblems?: string[];
  /** Whether revocation was checked: 'checked (CRL)', or 'not checked (offline)' and the like. */
  revocation: string;
  /** Why it is not valid, when it is not. */
  problems: string[];
  signer: string;
  /** Subjects of the certificates in the signature, the signer's first. */
  certificateChain: string[];
  /** From the signature dictionary's /M (PAdES puts the claimed time there), ISO 8601. */
  signingTime?: string;
  /** The RFC 3161 signature timestamp, when there is one. */
  timestamp?: { time: string; valid: boolean; authority: string };
  subFilter: string;
  byteRange: [number, number, number, number];
  /** The byte range runs from the start to the end of the revision it signed (only the signature value is left out). */
  coversWholeFile: boolean;
  /** Bytes were appended after this signature's revision. */
  modifiedAfterSigning: boolean;
  /** What those appended bytes do, in plain words (e.g. '1 page added', 'a later signature', 'page 1 content'). */
  changesAfterSigning: string[];
  /** The changes after this signature that a signed record may not have: anything but signatures, timestamps, DSS/VRI and signature fields. */
  forbiddenChanges: string[];
}

/** What `verifyPdf` finds out about one PAdES document timestamp (/DocTimeStamp, SubFilter ETSI.RFC3161). */
export interface DocumentTimestampReport {
  /** Order among the document timestamps (1 = first added). */
  index: number;
  /** The authority's time, ISO 8601. */
  time: string;
  /** The authority's common name. */
  authority: string;
  /** The token's imprint is the hash of the bytes its range covers and the authority's signature verifies. */
  valid: boolean;
  /** The authority's certificate chains to a configured trust anchor at the timestamp's time. */
  trusted: boolean;
  trustProblems?: string[];
  problems: string[];
  byteRange: [number, number, number, number];
  coversWholeFile: boolean;
  /** What was appended after it, in plain words. */
  changesAfterTimestamp: string[];
  /** Of those, what a signed record may not have. */
  forbiddenChanges: string[];
}

export interface VerificationReport {
  pageCount: number;
  /** The record's own XMP fields (`sohoa:` schema) as the PDF holds them; null without a metadata stream. */
  recordFields: Record<string, string> | null;
  /** The signatures, not counting document timestamps. */
  signatures: SignatureReport[];
  /** Document timestamps, each in its own revision: they extend a signed file without modifying it. */
  documentTimestamps: DocumentTimestampReport[];
  /** Signed, every signature and document timestamp valid, trusted and covering its revision, and nothing but signatures, timestamps and validation data appended after any of them. */
  intact: boolean;
  /** Why it is not intact: record.unsigned, record.signature-invalid, record.modified-after-signing or record.signer-untrusted. */
  code?: string;
  /** What changed after the first signature that may not change (empty when nothing did). */
  modifiedAfterSigning: string[];
  /** Worth saying, not a verdict: e.g. record.pdf-repaired, damaged objects skipped to read the file. */
  warnings?: { code: string; message: string }[];
}
