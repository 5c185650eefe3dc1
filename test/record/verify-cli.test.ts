import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRecordPdf } from '../../src/core/record/build-record-pdf';
import { openP12Signer } from '../../src/core/record/p12-signer';
import { signPdf } from '../../src/core/record/sign-pdf';
import { rfc3161DigestTimestamper } from '../../src/core/record/timestamp-client';
import { addDocumentTimestamp } from '../../src/core/record/timestamp-pdf';
import { recordPageFromCorpus } from './support/corpus-pages';
import { run, writeTemp } from './support/pdf-tools';
import { createTestPki, readBytes, type TestPki } from './support/test-pki';
import { startTestTsa } from './support/test-tsa';

const bin = join(import.meta.dirname, '../../bin/sohoa.mjs');

function sohoa(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sohoa verify', () => {
  let pki: TestPki;
  let signed: Uint8Array;
  let unsigned: Uint8Array;
  const cleanups: Array<() => void> = [];
  const temp = (bytes: Uint8Array, name: string) => {
    const t = writeTemp(bytes, name);
    cleanups.push(t.cleanup);
    return t.path;
  };

  beforeAll(async () => {
    pki = createTestPki();
    unsigned = await buildRecordPdf({ pages: [recordPageFromCorpus('viadm-faac')], metadata: { title: 'T', digitizedAt: new Date() } });
    signed = await signPdf(unsigned, {
      signer: await openP12Signer(readBytes(pki.signerP12), pki.password),
      stamp: { lines: ['SAO Y', 'UBND'] },
    });
  });
  afterAll(() => {
    for (const c of cleanups) c();
    pki?.cleanup();
  });

  it('exits 0 and prints the signer for an intact signed record; --json gives the report', () => {
    const path = temp(signed, 'signed.pdf');
    const text = sohoa('verify', '--trust', pki.caCert, path);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(pki.signerCommonName);
    const json = sohoa('verify', '--trust', pki.caCert, path, '--json');
    expect(json.status).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.intact).toBe(true);
    expect(report.signatures[0].valid).toBe(true);
  });

  it('lists a document timestamp after the signature, and the record stays intact', async () => {
    const tsa = await startTestTsa(pki);
    const stamped = await addDocumentTimestamp(signed, { timestamper: rfc3161DigestTimestamper({ url: tsa.url }) }).finally(() =>
      tsa.close(),
    );
    const text = sohoa('verify', '--trust', pki.caCert, temp(stamped, 'stamped.pdf'));
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('1 signature(s)');
    expect(text.stdout).toMatch(/Document timestamp #1: valid, trusted\n {2}time: \S+ by SoHoa Test TSA/);
    expect(text.stdout).toContain('modified after signing: yes (a document timestamp)');
    expect(text.stdout).toContain('Result: intact');
  });

  it('exits non-zero for a changed byte and for an unsigned record', () => {
    const tampered = new Uint8Array(signed);
    tampered[1000] = tampered[1000]! ^ 0x20;
    expect(sohoa('verify', temp(tampered, 'tampered.pdf')).status).toBe(1);
    const plain = sohoa('verify', temp(unsigned, 'unsigned.pdf'));
    expect(plain.status).toBe(1);
    expect(plain.stdout).toContain('not signed');
  });

  it('answers a non-PDF, a truncated and an encrypted file with one coded line', () => {
    const cases: Array<[string, string]> = [
      [temp(new TextEncoder().encode('Xin chào, not a PDF\n'), 'note.pdf'), 'record.not-pdf'],
      [temp(signed.subarray(0, Math.floor(signed.length * 0.6)), 'cut.pdf'), 'record.truncated'],
    ];
    const plainPath = temp(unsigned, 'plain.pdf');
    const encrypted = join(plainPath, '..', 'encrypted.pdf');
    expect(run('qpdf', ['--encrypt', 'u', 'o', '256', '--', plainPath, encrypted]).status).toBe(0);
    cases.push([encrypted, 'record.encrypted']);
    for (const [path, code] of cases) {
      const r = sohoa('verify', path);
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`[${code}]`);
    }
  });
});
