import { createHash, verify as nodeVerify, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { PDFDocument } from 'pdf-lib';
import { toArrayBuffer } from './array-buffer';
import { oids } from './cades-signature';
import { validateSignerChain } from './certificate-chain';
import { subjectCommonName } from './certificate-info';
import { loadPdf } from '../pdf/load-pdf';
import { loadPdfForReadingRepaired } from './pdf-preflight';
import { attributeValue, certificatesOf, findSignerCertificate, hashNameOf } from './cms-parts';
import { readRecordXmpFields } from './record-xmp-fields';
import { httpOcspFetcher, type OcspFetcher } from './ocsp-check';
import { httpCrlFetcher, type CrlFetcher, type RevocationSources } from './revocation-sources';
import { forbiddenChanges } from './revision-changes';
import type { DocumentTimestampReport, SignatureReport, VerificationReport } from './signature-report';
import { checkTimestampToken } from './timestamp-token';
import { anchorCertificates } from './trust-anchors';

interface SignatureDictionary {
  byteRange: [number, number, number, number];
  contents: Uint8Array;
  subFilter: string;
  m?: string;
  /** A /DocTimeStamp (SubFilter ETSI.RFC3161): its /Contents is a timestamp token over the revision, not a signature. */
  documentTimestamp: boolean;
}

export interface VerifyOptions {
  /** The roots a signature must chain to, as PEM text (see `readTrustAnchors`). None: no signer is trusted. */
  trustAnchors: readonly string[];
  /** The time to validate at when a signature has no timestamp (default: now). */
  now?: Date;
  /** How CRLs are fetched; false never goes online, for OCSP either (revocation is then "not checked (offline)"). */
  fetchCrl?: CrlFetcher | false;
  /** How OCSP responders are asked; false never asks them. */
  fetchOcsp?: OcspFetcher | false;
}

interface VerifyContext {
  anchors: pkijs.Certificate[];
  now: Date;
  revocation: RevocationSources;
}

/**
 * Checks every signature of a PDF: its bytes and CMS, its chain to a trust anchor at the signing
 * time, and what later revisions changed (see SignatureReport and docs/security.md).
 */
export async function verifyPdf(bytes: Uint8Array, options: VerifyOptions): Promise<VerificationReport> {
  const { doc, repaired } = await loadPdfForReadingRepaired(bytes);
  const pageCount = doc.getPageCount();
  const ctx: VerifyContext = {
    anchors: anchorCertificates(options.trustAnchors),
    now: options.now ?? new Date(),
    revocation: revocationSources(options),
  };
  const dictionaries = findSignatureDictionaries(bytes);
  const signatures: SignatureReport[] = [];
  const documentTimestamps: DocumentTimestampReport[] = [];
  for (const dict of dictionaries) {
    if (dict.documentTimestamp)
      documentTimestamps.push(await checkDocumentTimestamp(bytes, dict, documentTimestamps.length + 1, dictionaries, doc, ctx));
    else signatures.push(await checkSignature(bytes, dict, signatures.length + 1, dictionaries, doc, ctx));
  }
  const modifiedAfterSigning = signatures[0]?.forbiddenChanges ?? [];
  const all = [...signatures, ...documentTimestamps];
  const code =
    signatures.length === 0
      ? 'record.unsigned'
      : all.some((s) => !s.valid || !s.coversWholeFile)
        ? 'record.signature-invalid'
        : modifiedAfterSigning.length > 0 || all.some((s) => s.forbiddenChanges.length > 0)
          ? 'record.modified-after-signing'
          : all.some((s) => !s.trusted)
            ? 'record.signer-untrusted'
            : undefined;
  return {
    pageCount,
    recordFields: readRecordXmpFields(doc),
    signatures,
    documentTimestamps,
    intact: code === undefined,
    ...(code ? { code } : {}),
    modifiedAfterSigning,
    ...(repaired ? { warnings: [{ code: 'record.pdf-repaired', message: 'Damaged objects in the PDF were skipped to read it' }] } : {}),
  };
}

function revocationSources(options: VerifyOptions): RevocationSources {
  if (options.fetchCrl === false) return {};
  return {
    fetchCrl: options.fetchCrl ?? httpCrlFetcher,
    ...(options.fetchOcsp === false ? {} : { fetchOcsp: options.fetchOcsp ?? httpOcspFetcher }),
  };
}

function findSignatureDictionaries(bytes: Uint8Array): SignatureDictionary[] {
  const text = Buffer.from(bytes).toString('latin1');
  const found: SignatureDictionary[] = [];
  for (const match of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const objStart = text.lastIndexOf(' obj', match.index);
    const objEnd = text.indexOf('endobj', match.index);
    const body = text.slice(objStart, objEnd < 0 ? undefined : objEnd);
    const contents = /\/Contents\s*<([0-9A-Fa-f\s]*)>/.exec(body);
    if (!contents) continue;
    const subFilter = /\/SubFilter\s*\/([^\s/<>[\]()]+)/.exec(body)?.[1] ?? '';
    found.push({
      byteRange: [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4])],
      contents: trimDer(Buffer.from(contents[1]!.replace(/\s/g, ''), 'hex')),
      subFilter,
      m: /\/M\s*\(([^)]*)\)/.exec(body)?.[1],
      documentTimestamp: subFilter === 'ETSI.RFC3161' || /\/Type\s*\/DocTimeStamp\b/.test(body),
    });
  }
  return found.sort((a, b) => a.byteRange[2] + a.byteRange[3] - (b.byteRange[2] + b.byteRange[3]));
}

/**
 * The placeholder is zero-padded; keep only the DER element itself. asn1js throws on some damaged
 * values (a malformed time) instead of reporting them: the bytes are then kept whole, and reading
 * them as CMS fails where that is reported.
 */
function trimDer(padded: Uint8Array): Uint8Array {
  let parsed: ReturnType<typeof asn1js.fromBER>;
  try {
    parsed = asn1js.fromBER(toArrayBuffer(padded));
  } catch {
    return padded;
  }
  return parsed.offset > 0 ? padded.subarray(0, parsed.offset) : padded;
}

async function checkSignature(
  bytes: Uint8Array,
  dict: SignatureDictionary,
  index: number,
  all: SignatureDictionary[],
  now: PDFDocument,
  ctx: VerifyContext,
): Promise<SignatureReport> {
  const [, b1, b2, b3] = dict.byteRange;
  const problems: string[] = [];
  const end = b2 + b3;
  const report: SignatureReport = {
    index,
    valid: false,
    problems,
    signer: '',
    certificateChain: [],
    signingTime: dict.m ? pdfDateToIso(dict.m) : undefined,
    subFilter: dict.subFilter,
    byteRange: dict.byteRange,
    coversWholeFile: false,
    modifiedAfterSigning: false,
    changesAfterSigning: [],
    forbiddenChanges: [],
    trusted: false,
    revocation: 'not checked',
  };
  const revision = await checkRevision(bytes, dict, all, now, problems);
  if (!revision) return report;
  report.coversWholeFile = revision.coversWholeFile;
  report.modifiedAfterSigning = revision.modifiedAfter;
  report.changesAfterSigning = revision.changes;
  report.forbiddenChanges = revision.forbidden;

  const signedBytes = Buffer.concat([bytes.subarray(0, b1), bytes.subarray(b2, end)]);
  try {
    await checkCms(dict.contents, signedBytes, report, ctx);
  } catch (e) {
    problems.push(`the signature value cannot be read: ${(e as Error).message}`);
  }
  report.valid = problems.length === 0;
  return report;
}

interface RevisionCheck {
  coversWholeFile: boolean;
  modifiedAfter: boolean;
  changes: string[];
  forbidden: string[];
}

/** What a signature's or document timestamp's byte range covers, and what was appended after it; undefined when malformed. */
async function checkRevision(
  bytes: Uint8Array,
  dict: SignatureDictionary,
  all: SignatureDictionary[],
  now: PDFDocument,
  problems: string[],
): Promise<RevisionCheck | undefined> {
  const [b0, b1, b2, b3] = dict.byteRange;
  const end = b2 + b3;
  if (b0 !== 0 || b1 >= b2 || end > bytes.length || bytes[b1] !== 0x3c || bytes[b2 - 1] !== 0x3e) {
    problems.push('the byte range is malformed or does not leave out exactly the signature value');
    return undefined;
  }
  const revisionTail = Buffer.from(bytes.subarray(Math.max(0, end - 16), end)).toString('latin1');
  const coversWholeFile = /%%EOF\s*$/.test(revisionTail);
  if (!coversWholeFile) problems.push('the byte range stops before the end of its revision');
  const modifiedAfter = Buffer.from(bytes.subarray(end)).toString('latin1').trim().length > 0;
  const { changes, forbidden } = modifiedAfter ? await describeChanges(bytes, end, all, now) : { changes: [], forbidden: [] };
  return { coversWholeFile, modifiedAfter, changes, forbidden };
}

/** A /DocTimeStamp: its token's imprint is the hash of the bytes its range covers, signed by an authority that chains to an anchor. */
async function checkDocumentTimestamp(
  bytes: Uint8Array,
  dict: SignatureDictionary,
  index: number,
  all: SignatureDictionary[],
  now: PDFDocument,
  ctx: VerifyContext,
): Promise<DocumentTimestampReport> {
  const problems: string[] = [];
  const report: DocumentTimestampReport = {
    index,
    time: '',
    authority: '',
    valid: false,
    trusted: false,
    problems,
    byteRange: dict.byteRange,
    coversWholeFile: false,
    changesAfterTimestamp: [],
    forbiddenChanges: [],
  };
  const revision = await checkRevision(bytes, dict, all, now, problems);
  if (!revision) return report;
  report.coversWholeFile = revision.coversWholeFile;
  report.changesAfterTimestamp = revision.changes;
  report.forbiddenChanges = revision.forbidden;
  const [, b1, b2, b3] = dict.byteRange;
  const covered = Buffer.concat([bytes.subarray(0, b1), bytes.subarray(b2, b2 + b3)]);
  try {
    const token = checkTimestampToken(asn1js.fromBER(toArrayBuffer(dict.contents)).result, covered);
    report.time = token.time;
    report.authority = token.authority;
    if (!token.valid) problems.push('the document timestamp does not match the file or its authority’s signature does not verify');
    if (token.tsaCertificate) {
      const chain = await validateSignerChain(
        token.tsaCertificate,
        token.otherCertificates,
        ctx.anchors,
        new Date(token.time),
        ctx.revocation,
      );
      report.trusted = chain.trusted;
      report.trustProblems = chain.problems;
    } else problems.push('the timestamp authority’s certificate is not in the token');
  } catch (e) {
    problems.push(`the document timestamp cannot be read: ${(e as Error).message}`);
  }
  report.valid = problems.length === 0;
  return report;
}

async function checkCms(der: Uint8Array, signedBytes: Uint8Array, report: SignatureReport, ctx: VerifyContext): Promise<void> {
  const problems = report.problems;
  const contentInfo = pkijs.ContentInfo.fromBER(toArrayBuffer(der));
  if (contentInfo.contentType !== oids.signedData) throw new Error('not a CMS SignedData');
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) throw new Error('no signer');
  const certs = certificatesOf(signedData);
  const signerCert = findSignerCertificate(certs, signerInfo);
  if (!signerCert) throw new Error('the signer certificate is not in the signature');
  report.signer = subjectCommonName(signerCert);
  report.certificateChain = [signerCert, ...certs.filter((c) => c !== signerCert)].map(subjectCommonName);
  const signerDer = new Uint8Array(signerCert.toSchema().toBER());

  const attrs = signerInfo.signedAttrs;
  if (!attrs) throw new Error('no signed attributes');
  const digestOid = signerInfo.digestAlgorithm.algorithmId;
  const hashName = hashNameOf(digestOid);
  const digest = createHash(hashName).update(signedBytes).digest();
  const messageDigest = attributeValue(attrs, oids.messageDigest) as asn1js.OctetString | undefined;
  if (!messageDigest || !Buffer.from(messageDigest.valueBlock.valueHexView).equals(digest))
    problems.push('the signed bytes do not match the signed digest: the file was changed');
  if (!signingCertificateMatches(attrs, signerDer))
    problems.push('the signing-certificate attribute is missing or names another certificate');

  const toBeSigned = new Uint8Array(attrs.encodedValue);
  toBeSigned[0] = 0x31;
  const x509 = new X509Certificate(Buffer.from(signerDer));
  const signature = signerInfo.signature.valueBlock.valueHexView;
  if (!nodeVerify(hashName, toBeSigned, x509.publicKey, signature))
    problems.push('the signature value does not verify with the signer certificate');

  const token = signerInfo.unsignedAttrs?.attributes.find((a) => a.type === oids.signatureTimeStampToken)?.values[0];
  if (token) {
    const { time, valid, authority } = checkTimestampToken(token, signature);
    report.timestamp = { time, valid, authority };
  }
  if (report.timestamp && !report.timestamp.valid) problems.push('the signature timestamp does not verify');

  const at = report.timestamp?.valid ? new Date(report.timestamp.time) : ctx.now;
  const chain = await validateSignerChain(
    signerCert,
    certs.filter((c) => c !== signerCert),
    ctx.anchors,
    at,
    ctx.revocation,
  );
  report.trusted = chain.trusted;
  report.trustedRoot = chain.root;
  report.revocation = chain.revocation;
  report.trustProblems = chain.problems;
}

function signingCertificateMatches(attrs: pkijs.SignedAndUnsignedAttributes, signerDer: Uint8Array): boolean {
  const value = attributeValue(attrs, oids.signingCertificateV2) as asn1js.Sequence | undefined;
  const certIds = value?.valueBlock.value[0] as asn1js.Sequence | undefined;
  const first = certIds?.valueBlock.value[0] as asn1js.Sequence | undefined;
  if (!first) return false;
  const [maybeAlg, maybeHash] = first.valueBlock.value;
  let hashName = 'sha256';
  let hash = maybeAlg;
  if (maybeAlg instanceof asn1js.Sequence) {
    hashName = hashNameOf(new pkijs.AlgorithmIdentifier({ schema: maybeAlg }).algorithmId);
    hash = maybeHash;
  }
  if (!(hash instanceof asn1js.OctetString)) return false;
  return Buffer.from(hash.valueBlock.valueHexView).equals(createHash(hashName).update(signerDer).digest());
}

async function describeChanges(
  bytes: Uint8Array,
  end: number,
  all: SignatureDictionary[],
  now: PDFDocument,
): Promise<{ changes: string[]; forbidden: string[] }> {
  const changes: string[] = [];
  const endOf = (d: SignatureDictionary) => d.byteRange[2] + d.byteRange[3];
  const signatureEnds = new Set(all.filter((d) => !d.documentTimestamp).map(endOf));
  const timestampEnds = new Set(all.filter((d) => d.documentTimestamp).map(endOf));
  const laterRevisions = revisionEnds(bytes).filter((e) => e > end);
  const later = laterRevisions.filter((e) => signatureEnds.has(e)).length;
  const timestamps = laterRevisions.filter((e) => timestampEnds.has(e)).length;
  const otherUpdates = laterRevisions.length - later - timestamps;
  if (later > 0) changes.push(later === 1 ? 'a later signature' : `${later} later signatures`);
  if (timestamps > 0) changes.push(timestamps === 1 ? 'a document timestamp' : `${timestamps} document timestamps`);
  if (otherUpdates > 0)
    changes.push(otherUpdates === 1 ? 'an update that is not a signature' : `${otherUpdates} updates that are not signatures`);
  const forbidden = freedObjects(bytes.subarray(end));
  try {
    const { doc: before } = await loadPdf(bytes.subarray(0, end), { updateMetadata: false, ignoreEncryption: true });
    const pagesBefore = before.getPageCount();
    const pagesNow = now.getPageCount();
    if (pagesNow > pagesBefore) changes.push(`${pagesNow - pagesBefore} page${pagesNow - pagesBefore > 1 ? 's' : ''} added`);
    if (pagesNow < pagesBefore) changes.push(`${pagesBefore - pagesNow} page${pagesBefore - pagesNow > 1 ? 's' : ''} removed`);
    forbidden.push(...forbiddenChanges(before, now));
  } catch {
    forbidden.push('the signed revision cannot be read on its own');
  }
  changes.push(...forbidden);
  return { changes, forbidden };
}

/** Objects a later cross-reference table marks free (deleted), which the object-by-object comparison cannot see. */
function freedObjects(appended: Uint8Array): string[] {
  const text = Buffer.from(appended).toString('latin1');
  const out: string[] = [];
  for (const section of text.matchAll(/xref\s*\n([\s\S]*?)trailer/g)) {
    let number = 0;
    for (const line of section[1]!.split(/\r?\n|\r/)) {
      const head = /^\s*(\d+)\s+(\d+)\s*$/.exec(line);
      if (head) {
        number = Number(head[1]);
        continue;
      }
      const entry = /^\s*\d{10}\s+\d{5}\s+([nf])/.exec(line);
      if (!entry) continue;
      if (entry[1] === 'f' && number !== 0) out.push(`object ${number} (deleted)`);
      number++;
    }
  }
  return out;
}

/** Offsets just past each %%EOF marker (and its end-of-line): where each revision ends. */
function revisionEnds(bytes: Uint8Array): number[] {
  const text = Buffer.from(bytes).toString('latin1');
  return [...text.matchAll(/%%EOF(\r\n|\r|\n)?/g)].map((m) => m.index + m[0].length);
}

/** D:YYYYMMDDHHmmSS(Z|+HH'mm') → ISO 8601. */
export function pdfDateToIso(value: string): string | undefined {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(value);
  if (!m) return undefined;
  const tz = !m[7] || m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].replace(/'/g, '').slice(3, 5)}`;
  return `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${tz}`;
}
