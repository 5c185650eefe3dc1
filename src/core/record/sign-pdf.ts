import { PDFString } from 'pdf-lib';
import { buildCadesSignature, type TimestampSource } from './cades-signature';
import { assertCanSign } from './certificate-info';
import { invisibleAppearance, placeCopyStamp, type CopyStamp } from './copy-stamp';
import { defaultRecordResourcePaths, readResource, type RecordResourcePaths } from './record-resources';
import { appendSignatureRevision } from './signature-revision';
import type { Signer } from './signer';

export interface SignOptions {
  signer: Signer;
  signingTime?: Date;
  /** The Decree 30 copy stamp on page 1; false for a signature with no visible text. */
  stamp?: CopyStamp | false;
  /** Adds an RFC 3161 signature timestamp (PAdES B-T). */
  timestamp?: TimestampSource;
  /** Bytes reserved for the CMS signature; the default fits the signer's chain (and a timestamp token when asked). */
  reservedBytes?: number;
  resources?: RecordResourcePaths;
}

/**
 * Signs a PDF as PAdES B-B (B-T with a timestamp source) in an incremental update appended
 * to the unchanged input bytes. Throws a coded error, leaving the input as it was, when the
 * certificate cannot sign.
 */
export async function signPdf(pdf: Uint8Array, options: SignOptions): Promise<Uint8Array> {
  const signingTime = options.signingTime ?? new Date();
  const chain = await options.signer.certificateChain();
  assertCanSign(chain[0]!, signingTime);
  const stamp = options.stamp;
  return appendSignatureRevision(pdf, {
    dictionaryHead: `/Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M ${PDFString.fromDate(signingTime).toString()}`,
    reservedBytes: options.reservedBytes ?? defaultReservation(chain, options.timestamp !== undefined),
    appearance: async (doc) => {
      if (!stamp) return invisibleAppearance(doc);
      const { width, height } = doc.getPage(0).getSize();
      const font = await doc.embedFont(await readResource((options.resources ?? defaultRecordResourcePaths()).stampFont), { subset: true });
      return placeCopyStamp(doc, font, stamp, width, height);
    },
    contents: (digest) => buildCadesSignature(digest, options.signer, options.timestamp),
  });
}

/** Room for the CMS: the certificates it carries, the signed attributes and signature, and a timestamp token with its own certificates. */
function defaultReservation(chain: Uint8Array[], timestamped: boolean): number {
  return chain.reduce((n, c) => n + c.length, 0) + 2048 + (timestamped ? 12_288 : 0);
}
