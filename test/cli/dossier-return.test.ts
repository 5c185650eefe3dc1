import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { buildRecordPdf } from '../../src/core/record/build-record-pdf';
import { openP12Signer } from '../../src/core/record/p12-signer';
import { signPdf } from '../../src/core/record/sign-pdf';
import { recordPageFromCorpus } from '../record/support/corpus-pages';
import { createTestPki, readBytes, type TestPki } from '../record/support/test-pki';
import { runSohoa } from '../support/cli';
import { tempDir } from '../support/temp-dir';
import { setTestAgency } from '../support/agency';

describe('sohoa dossier return', () => {
  const dir = tempDir('sohoa-cli-return-');
  let agency: TestPki;
  let issuer: TestPki;
  const codes: string[] = [];
  const issued = join(dir.path, 'giay-phep.pdf');
  const scannedPdf = join(dir.path, 'quyet-dinh.pdf');
  const dataDir = join(dir.path, 'data');
  const sign = () => ['--sign', agency.signerP12, '--pass-env', 'SOHOA_TEST_PASS'];
  const env = () => ({ SOHOA_TEST_PASS: agency.password });

  beforeAll(async () => {
    agency = createTestPki();
    issuer = createTestPki();
    const issuerSigner = await openP12Signer(readBytes(issuer.signerP12), issuer.password);
    const unsigned = await buildRecordPdf({
      pages: [recordPageFromCorpus('viadm-f161')],
      metadata: { title: 'Giấy phép', digitizedAt: new Date() },
    });
    writeFileSync(issued, await signPdf(unsigned, { signer: issuerSigner, stamp: false }));
    writeFileSync(
      scannedPdf,
      await buildRecordPdf({ pages: [recordPageFromCorpus('viadm-82f0')], metadata: { title: 'Quyết định', digitizedAt: new Date() } }),
    );
    // Taken in through the engine in this process (a CLI start costs seconds); the hand-backs go through the CLI.
    const engine = setTestAgency(Engine.open({ dataDir }));
    for (const [receivedDate, dueDate] of [
      ['2026-04-27', '2026-04-30'],
      ['2026-04-28', '2026-05-05'],
      ['2026-04-29', '2026-05-06'],
    ] as const) {
      codes.push(
        (
          await engine.handlers['dossier.create']({
            procedureCode: 'MAU-HT-01',
            applicantName: 'Võ Văn Tú',
            applicantCccd: '074093513649',
            receivedDate,
            dueDate,
          })
        ).code,
      );
    }
    await engine.close();
  }, 120_000);
  afterAll(() => {
    agency?.cleanup();
    issuer?.cleanup();
    dir.remove();
  });

  it('refuses a call without a signing certificate, as a usage error', { timeout: 120_000 }, () => {
    const r = runSohoa(['dossier', 'return', codes[0]!, '--data-dir', dataDir, '--result', issued]);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('--sign')]);
  });

  it('reads the result file itself: a path it cannot read is refused before any result is added', { timeout: 120_000 }, async () => {
    const r = runSohoa(
      ['dossier', 'return', codes[0]!, '--data-dir', dataDir, '--result', join(dir.path, 'khong-co.pdf'), ...sign()],
      env(),
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('result.pdf-unreadable');
    const engine = Engine.open({ dataDir });
    try {
      const dossier = engine.store.dossiers.byCode(codes[0]!)!;
      expect(engine.store.documents.ofDossier(dossier.id).filter((d) => d.isResult)).toEqual([]);
    } finally {
      await engine.close();
    }
  });

  it('hands back a result issued already signed, counter-signed, on time', { timeout: 180_000 }, () => {
    const r = runSohoa(
      [
        'dossier',
        'return',
        codes[0]!,
        '--data-dir',
        dataDir,
        '--result',
        issued,
        '--kind',
        'giay-phep',
        '--to',
        'Võ Văn Tú',
        '--at',
        '2026-04-30T03:00:00Z',
        '--json',
        ...sign(),
      ],
      env(),
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.results).toEqual([expect.objectContaining({ countersigned: true, signaturesBefore: 1 })]);
    expect(out.handBack).toMatchObject({ onTime: true, receiverName: 'Võ Văn Tú', method: 'desk' });
  });

  it('asks a late hand-back for its reason before adding anything, then records it', { timeout: 300_000 }, () => {
    const args = [
      'dossier',
      'return',
      codes[1]!,
      '--data-dir',
      dataDir,
      '--result',
      scannedPdf,
      '--kind',
      'quyet-dinh',
      '--at',
      '2026-05-08T03:00:00Z',
      '--method',
      'post',
      ...sign(),
    ];
    const refused = runSohoa(args, env());
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining('result.late-reason-required')]);
    const ok = runSohoa([...args, '--late-reason', 'Chờ xác minh của Công an xã'], env());
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('late by 3 working day(s)');
  });

  it('is counted by sohoa status --json: results digitized, on time and late', { timeout: 180_000 }, () => {
    const r = runSohoa(['status', '--json', '--data-dir', dataDir]);
    expect(r.code, r.stderr).toBe(0);
    const intake = JSON.parse(r.stdout).indicators.intake;
    // Three received; two handed back with a signed result (one result each, the refused run added none): one on time, one late; the third is past due.
    expect(intake.resultsDigitized).toEqual({ count: 2, of: 3, rate: 2 / 3 });
    expect([intake.onTime.count, intake.late.count, intake.openPastDue.count]).toEqual([1, 1, 1]);
    expect(JSON.parse(r.stdout).documents).toBe(2);
  });

  it(
    'signs and hands back when the timestamp authority does not answer, and warns that the result has no timestamp',
    { timeout: 180_000 },
    async () => {
      const engine = Engine.open({ dataDir });
      engine.store.settings.set('signing.tsa-url', 'http://127.0.0.1:1/tsa');
      await engine.close();
      const args = ['dossier', 'return', codes[2]!, '--data-dir', dataDir, '--result', issued, '--at', '2026-05-06T03:00:00Z', ...sign()];
      const r = runSohoa(args, env());
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('on time');
      expect(r.stderr).toContain('the timestamp authority did not answer');
    },
  );
});
