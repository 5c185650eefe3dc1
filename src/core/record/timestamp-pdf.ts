import { invisibleAppearance } from './copy-stamp';
import { appendSignatureRevision } from './signature-revision';
import type { DigestTimestamper } from './timestamp-client';

export interface DocumentTimestampOptions {
  /** Asks an RFC 3161 authority for a token over a SHA-256 digest. */
  timestamper: DigestTimestamper;
  /** Bytes reserved for the token (a token carries the authority's certificates). */
  reservedBytes?: number;
}

/**
 * Adds a PAdES document timestamp (ISO 32000-2 §12.8.5, ETSI EN 319 142-1 §5.4): a /DocTimeStamp
 * whose /Contents is an RFC 3161 token over the whole new revision, in its own incremental update,
 * with an invisible widget. The file is only extended, so the signatures already in it stay valid.
 */
export function addDocumentTimestamp(pdf: Uint8Array, options: DocumentTimestampOptions): Promise<Uint8Array> {
  return appendSignatureRevision(pdf, {
    dictionaryHead: '/Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161',
    reservedBytes: options.reservedBytes ?? 12_288,
    appearance: async (doc) => invisibleAppearance(doc),
    contents: (digest) => options.timestamper(digest),
  });
}
