import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { openP12Signer } from '../../src/core/record/p12-signer';
import { signPdf } from '../../src/core/record/sign-pdf';
import { recordXmp } from '../../src/core/record/xmp-metadata';
import { PadesRecordVerifier } from '../../src/hub/pades-record-verifier';
import type { RecordDescriptor } from '../../src/shared/sync-protocol';
import { readTrustAnchors } from '../../src/core/record/trust-anchors';
import { createForeignSigners, createTestPki, readBytes, type TestPki } from '../record/support/test-pki';
import { tempDir } from '../support/temp-dir';
import type { TestHub } from './support/hub-harness';
import { startHubOnPostgres, type HubOnPostgres } from './support/hub-on-postgres';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const header = (record: unknown) => Buffer.from(JSON.stringify(record)).toString('base64url');

let served: HubOnPostgres;
let hub: TestHub;
let pool: pg.Pool;
let pki: TestPki;
/** The specialised system's signer: a certificate from another CA, which the hub also trusts. */
let issuer: ReturnType<typeof createForeignSigners>;
let token: string;
let record: Uint8Array;
const blobs = tempDir('sohoa-hub-xmp-');

const AGENCY = {
  name: 'UBND phường Bến Thành',
  code: 'H29.01.02',
  parent: 'UBND TP. Hồ Chí Minh',
  address: '',
  workstationName: 'Máy 1',
  desk: 'Quầy 1',
};

/** A record as the workstation builds it: a page and its XMP (dossier code, procedure, digitizing agency), signed PAdES. */
async function signedRecord(dossierCode: string, { withXmp = true } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText(dossierCode, { x: 50, y: 780, size: 14, font });
  const signer = await openP12Signer(readBytes(pki.signerP12), pki.password);
  if (!withXmp) return signPdf(await doc.save({ useObjectStreams: false }), { signer, stamp: false, signingTime: new Date() });
  const xmp = recordXmp({
    metadata: {
      title: 'Đơn đề nghị',
      dossierCode,
      procedureCode: '1.001',
      documentKind: 'don',
      digitizingAgency: AGENCY,
      digitizedAt: new Date('2026-12-01T08:00:00Z'),
    },
    scan: { pageCount: 1, dpi: 300, colorMode: 'bw' },
    producer: 'sohoa',
    created: new Date('2026-12-01T08:00:00Z'),
  });
  doc.catalog.set(
    PDFName.of('Metadata'),
    doc.context.register(doc.context.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' })),
  );
  return signPdf(await doc.save({ useObjectStreams: false }), { signer, stamp: false, signingTime: new Date() });
}

function descriptor(bytes: Uint8Array, over: Partial<RecordDescriptor> = {}): RecordDescriptor {
  return {
    documentKey: `${over.dossierCode ?? 'HS-XMP-1'}/1`,
    version: 1,
    sha256: sha(bytes),
    size: bytes.length,
    dossierCode: 'HS-XMP-1',
    procedureCode: '1.001',
    agencyCode: AGENCY.code,
    year: 2026,
    status: 'digitized',
    signedAt: null,
    ...over,
  };
}

async function send(bytes: Uint8Array, declared: RecordDescriptor): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(`${hub.url}/records/${declared.sha256}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf', 'sohoa-record': header(declared) },
    body: Buffer.from(bytes),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

const storedBlobs = () => readdirSync(blobs.path, { recursive: true }).length;

const rowsFor = async (dossierCode: string) =>
  Number((await pool.query('SELECT count(*) AS n FROM record WHERE dossier_code = $1', [dossierCode])).rows[0].n);

beforeAll(async () => {
  pki = createTestPki();
  issuer = createForeignSigners('Sở Tư pháp (hệ thống chuyên ngành)', 'issuer-pass');
  const anchors = [...pki.trustAnchors, ...readTrustAnchors([issuer.otherCaCert])];
  served = await startHubOnPostgres('hub_xmp', blobs.path, { verifier: new PadesRecordVerifier(anchors) });
  ({ hub, pool } = served);
  token = (await hub.hub.credentials.enroll(await hub.hub.credentials.issueCode(), 'desk')).token;
  record = await signedRecord('HS-XMP-1');
}, 60_000);

afterAll(async () => {
  await served?.close();
  pki?.cleanup();
  issuer?.cleanup();
  blobs.remove();
});

describe('the hub checks what a workstation declares against the signed PDF', () => {
  it('refuses a declared dossier code, agency or procedure that is not the XMP’s, and stores nothing', async () => {
    for (const [over, field] of [
      [{ dossierCode: 'HS-OTHER-9' }, 'dossierCode'],
      [{ agencyCode: 'H01.99.99' }, 'agencyCode'],
      [{ procedureCode: null }, 'procedureCode'],
    ] as const) {
      const r = await send(record, descriptor(record, over));
      expect(r.status).toBe(422);
      expect(r.body).toMatchObject({ code: 'sync.metadata-mismatch', details: { field } });
    }
    expect(await rowsFor('HS-OTHER-9')).toBe(0);
    expect(await rowsFor('HS-XMP-1')).toBe(0);
  });

  it('takes the record when the declaration agrees with the XMP', async () => {
    const r = await send(record, descriptor(record));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ documentKey: 'HS-XMP-1/1', duplicate: false });
    expect(await rowsFor('HS-XMP-1')).toBe(1);
  });

  it('refuses a signed PDF without SoHoa XMP, with a code, and stores nothing', async () => {
    const bare = await signedRecord('HS-BARE-1', { withXmp: false });
    const before = storedBlobs();
    const r = await send(bare, descriptor(bare, { dossierCode: 'HS-BARE-1' }));
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'sync.record-xmp-missing' });
    expect(await rowsFor('HS-BARE-1')).toBe(0);
    expect(storedBlobs()).toBe(before);
  });

  it('refuses a declared page count or kind of document that is not the PDF’s, and stores nothing', async () => {
    const other = await signedRecord('HS-XMP-2');
    const before = storedBlobs();
    for (const [over, field] of [
      [{ pageCount: 2, documentKind: 'don' }, 'pageCount'],
      [{ pageCount: 1, documentKind: 'giay-phep' }, 'documentKind'],
      [{ pageCount: 1, documentKind: null }, 'documentKind'],
    ] as const) {
      const r = await send(other, descriptor(other, { dossierCode: 'HS-XMP-2', ...over }));
      expect(r.status).toBe(422);
      expect(r.body).toMatchObject({ code: 'sync.metadata-mismatch', details: { field, declared: over[field] } });
    }
    expect(await rowsFor('HS-XMP-2')).toBe(0);
    expect(storedBlobs()).toBe(before);
    const right = await send(other, descriptor(other, { dossierCode: 'HS-XMP-2', pageCount: 1, documentKind: 'don' }));
    expect(right.status).toBe(200);
    expect(await rowsFor('HS-XMP-2')).toBe(1);
  });

  it('takes a result signed elsewhere before the workstation signed it, without SoHoa XMP, still checking its page count', async () => {
    const issued = await countersigned(await issuedResult());
    const wrong = await send(issued, descriptor(issued, { dossierCode: 'KQ-BARE-1', isResult: true, pageCount: 3 }));
    expect(wrong.body).toMatchObject({ code: 'sync.metadata-mismatch', details: { field: 'pageCount' } });
    const r = await send(issued, descriptor(issued, { dossierCode: 'KQ-BARE-1', isResult: true, pageCount: 1, documentKind: null }));
    expect(r.status).toBe(200);
    expect(await rowsFor('KQ-BARE-1')).toBe(1);
  });

  it('refuses, as missing its XMP, a record without SoHoa XMP that calls itself a result but has no signature made before the workstation’s', async () => {
    const before = storedBlobs();
    // Signed once, by the workstation only: nothing says it was issued elsewhere.
    const onlyOurs = await signedRecord('KQ-FAKE-1', { withXmp: false });
    // Not signed at all.
    const unsigned = await bareDocument('KQ-FAKE-2');
    // An "earlier signature" whose value does not verify, then the workstation's signature over it.
    const broken = await countersigned(breakFirstSignature(await issuedResult()));
    for (const [bytes, dossierCode] of [
      [onlyOurs, 'KQ-FAKE-1'],
      [unsigned, 'KQ-FAKE-2'],
      [broken, 'KQ-FAKE-3'],
    ] as const) {
      const r = await send(bytes, descriptor(bytes, { dossierCode, isResult: true, pageCount: 1 }));
      expect({ dossierCode, status: r.status, code: r.body.code }).toEqual({ dossierCode, status: 422, code: 'sync.record-xmp-missing' });
      expect(await rowsFor(dossierCode)).toBe(0);
    }
    expect(storedBlobs()).toBe(before);
  });
});

/** A one-page PDF with no XMP and no signature. */
async function bareDocument(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText(text, { x: 50, y: 780, size: 14, font });
  return doc.save({ useObjectStreams: false });
}

/** A result as the specialised system issues it: no SoHoa XMP, signed by its own CA's certificate. */
async function issuedResult(): Promise<Uint8Array> {
  const signer = await openP12Signer(readBytes(issuer.otherCaP12), 'issuer-pass');
  return signPdf(await bareDocument('GIAY CHUNG NHAN'), { signer, stamp: false });
}

/** The workstation's signature appended to `bytes`, as `result.sign` does to a result signed elsewhere. */
async function countersigned(bytes: Uint8Array): Promise<Uint8Array> {
  const signer = await openP12Signer(readBytes(pki.signerP12), pki.password);
  return signPdf(bytes, { signer, stamp: false, signingTime: new Date() });
}

/**
 * Changes one hex digit deep inside the first signature's /Contents (in the signer's key): the CMS no
 * longer verifies. The digit gets another value whatever its case ('a' to 'A' would change nothing).
 */
function breakFirstSignature(bytes: Uint8Array): Uint8Array {
  const copy = Buffer.from(bytes);
  const at = copy.indexOf('/Contents <') + '/Contents <'.length + 600;
  copy[at] = copy[at] === 0x30 ? 0x31 : 0x30;
  return copy;
}
