import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPdf } from '../../src/core/record/verify-pdf';
import { corpusDir, corpusPage } from './support/corpus-pages';
import { pdfsig, pdftotext, run, withPdfFile } from './support/pdf-tools';
import { createTestPki, type TestPki } from './support/test-pki';

const bin = join(import.meta.dirname, '../../bin/sohoa.mjs');

function sohoa(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const words = (s: string) =>
  s
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1);

describe('sohoa process', () => {
  let pki: TestPki;
  let dir: string;
  const id = 'viadm-18d1';
  const image = join(corpusDir, corpusPage(id).file);
  beforeAll(() => {
    pki = createTestPki();
    dir = mkdtempSync(join(tmpdir(), 'sohoa-process-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    pki?.cleanup();
  });

  it('cleans, reads and signs a page into a record whose text is the page text and whose signature pdfsig finds valid', async () => {
    const out = join(dir, 'record.pdf');
    const r = sohoa(
      [
        'process',
        image,
        '--out',
        out,
        '--title',
        'Tờ khai',
        '--sign',
        pki.signerP12,
        '--pass-env',
        'P12_PASS',
        '--agency',
        'UBND xã Minh Hòa',
        '--agency-code',
        '000.31.25.H12',
      ],
      { P12_PASS: pki.password },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const pdf = new Uint8Array(readFileSync(out));
    expect(pdfsig(pdf, pki.caCert).validity).toEqual(['Signature is Valid.']);
    expect((await verifyPdf(pdf, { trustAnchors: pki.trustAnchors, fetchCrl: false })).intact).toBe(true);
    const text = pdftotext(pdf);
    expect(text).toContain('SAO Y');
    expect(text).toContain('UBND xã Minh Hòa');
    const truth = words(readFileSync(join(corpusDir, 'truth', `${id}.txt`), 'utf8'));
    const found = new Set(words(text));
    const recall = truth.filter((w) => found.has(w)).length / truth.length;
    expect(recall).toBeGreaterThan(0.8);
  });

  it('keeps the unsigned record and answers with a coded line when the password is wrong', () => {
    const out = join(dir, 'wrong.pdf');
    const r = sohoa(
      [
        'process',
        image,
        '--out',
        out,
        '--no-ocr',
        '--sign',
        pki.signerP12,
        '--pass-env',
        'P12_PASS',
        '--agency',
        'UBND xã Minh Hòa',
        '--agency-code',
        '000.31.25.H12',
      ],
      { P12_PASS: 'not the password' },
    );
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('[signer.bad-password]');
    expect(existsSync(out)).toBe(false);
    expect(pdftotext(new Uint8Array(readFileSync(join(dir, 'wrong.unsigned.pdf'))), '-l', '1')).toBeDefined();
  });

  it('stores page images as --compression says: the scan as one JPEG, or as layers with a 1-bit text mask', () => {
    const encodings = (compression: string) => {
      const out = join(dir, `${compression}.pdf`);
      const r = sohoa([
        'process',
        image,
        '--out',
        out,
        '--no-ocr',
        '--compression',
        compression,
        '--agency',
        'UBND xã Minh Hòa',
        '--agency-code',
        '000.31.25.H12',
      ]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      return pdfImageEncodings(new Uint8Array(readFileSync(out)));
    };
    expect(encodings('jpeg')).toEqual(['jpeg']);
    expect(encodings('mrc')).toContain('ccitt');
  }, 600_000);

  it('refuses a --compression it does not know, in one coded Vietnamese and English line naming the choices, and writes nothing', () => {
    const out = join(dir, 'bad-compression.pdf');
    const r = sohoa([
      'process',
      image,
      '--out',
      out,
      '--no-ocr',
      '--compression',
      'jbig2',
      '--agency',
      'UBND xã Minh Hòa',
      '--agency-code',
      '000.31.25.H12',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toBe(
      'sohoa process: Không có cách nén ảnh "jbig2": chỉ dùng được mrc hoặc jpeg. / There is no image compression "jbig2": use mrc or jpeg. [record.compression-unknown]',
    );
    expect(r.stderr).not.toContain('usage:');
    expect(existsSync(out)).toBe(false);
  });
});

/** The distinct encodings of the PDF's images, from poppler's `pdfimages -list`. */
function pdfImageEncodings(pdf: Uint8Array): string[] {
  const list = withPdfFile(pdf, (p) => run('pdfimages', ['-list', p]).stdout);
  const rows = list
    .split('\n')
    .slice(2)
    .filter((l) => l.trim());
  return [...new Set(rows.map((l) => l.trim().split(/\s+/)[8]!))];
}
