/** What `verifyPdf` finds out about one signature. */
export interface SignatureReport {
  /** Field order in the file (1 = first signed). */
  index: number;
  /** The bytes it covers hash to the signed digest, the CMS signature checks out and the signing certificate attribute matches. */
  valid: boolean;
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
  /** What those appended bytes do, in plain words (e.g. '1 page added', 'a later signature'). */
  changesAfterSigning: string[];
  /** Everything appended after this signature is later signatures (which is allowed). */
  onlySignaturesAfter: boolean;
}

export interface VerificationReport {
  pageCount: number;
  signatures: SignatureReport[];
  /** Signed, every signature valid and covering its revision, and nothing but later signatures appended after any of them. */
  intact: boolean;
}
