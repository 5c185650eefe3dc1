/**
 * The agency's signing key, wherever it lives (a PKCS#12 file, a PKCS#11 token). The
 * password or PIN is given when the signer is opened and never kept beyond it.
 */
export interface Signer {
  /** DER certificates: the signer's own first, then its issuers as far as they are known. */
  certificateChain(): Promise<Uint8Array[]>;
  /** Signs `data` with SHA-256 and the signer's key (RSA PKCS#1 v1.5, or ECDSA as DER); returns the raw signature. */
  sign(data: Uint8Array): Promise<Uint8Array>;
  /** Releases the key (logs out of the token). Safe to call twice. */
  close(): Promise<void>;
}
