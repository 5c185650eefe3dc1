import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSohoaHere } from '../support/cli-here';
import { openRawDatabase, readStoredBlob } from '../support/data-key';
import { TEST_AGENCY, TEST_AGENCY_ARGS } from '../support/agency';
import { tempDir } from '../support/temp-dir';
import { writeSmallPages, writeTree } from './batch-tree';

/**
 * A 2020–2021 archive carries the agency that issued the paper as it was named then, apart from the
 * agency digitizing it today: from the register's column for the dossiers it names, else from
 * `--issuing-agency` for the whole batch.
 */
const FROM_REGISTER = 'UBND xã Minh Hòa, huyện Dầu Tiếng, tỉnh Bình Dương';
const FOR_BATCH = 'UBND huyện Dầu Tiếng, tỉnh Bình Dương';
const REGISTER = [
  'Hộp số,Hồ sơ số,Tiêu đề,Năm,Cơ quan ban hành,Số trang',
  `1,1,Hồ sơ đăng ký khai sinh,2020,"${FROM_REGISTER}",1`,
  '1,2,Hồ sơ xác nhận tình trạng hôn nhân,2021,,1',
];

describe('sohoa batch: the issuing agency of archived records', () => {
  const dir = tempDir('sohoa-issuing-');
  const dataDir = join(dir.path, 'data');
  let run: Awaited<ReturnType<typeof runSohoaHere>>;

  beforeAll(async () => {
    const pages = await writeSmallPages(join(dir.path, 'pages'), 2);
    const tree = join(dir.path, 'kho-2020');
    writeTree(tree, [
      { relPath: 'Hop 01/HS 001', pages: [pages[0]!] },
      { relPath: 'Hop 01/HS 002', pages: [pages[1]!] },
    ]);
    const register = join(dir.path, 'so-theo-doi.csv');
    writeFileSync(register, REGISTER.join('\r\n'), 'utf8');
    run = await runSohoaHere([
      'batch',
      ...TEST_AGENCY_ARGS,
      tree,
      '--manifest',
      register,
      '--issuing-agency',
      FOR_BATCH,
      '--data-dir',
      dataDir,
      '--workers',
      '1',
      '--json',
    ]);
  }, 240_000);
  afterAll(() => dir.remove());

  const metadataOf = (archiveNumber: string) => {
    const db = openRawDatabase(dataDir, { readonly: true });
    const { sha } = db
      .prepare(
        'SELECT r.pdf_sha256 AS sha FROM record r JOIN document doc ON doc.id = r.document_id JOIN dossier d ON d.id = doc.dossier_id WHERE d.archive_number = ?',
      )
      .get(archiveNumber) as { sha: string };
    db.close();
    const file = join(dir.path, `record-${archiveNumber}.pdf`);
    writeFileSync(file, readStoredBlob(dataDir, sha));
    return execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' });
  };

  it('reads the issuing agency from the register’s column into the record’s XMP, beside the digitizing agency', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).pages).toMatchObject({ found: 2, read: 2, failed: 0, records: 2 });
    const meta = metadataOf('1');
    expect(meta).toContain(`<sohoa:issuingAgencyAtIssue>${FROM_REGISTER}</sohoa:issuingAgencyAtIssue>`);
    expect(meta).toContain(`<sohoa:digitizingAgency>${TEST_AGENCY.name}</sohoa:digitizingAgency>`);
    expect(meta).toContain(`<sohoa:digitizingAgencyCode>${TEST_AGENCY.code}</sohoa:digitizingAgencyCode>`);
  });

  it('gives a dossier whose register row names no agency the one set with --issuing-agency', () => {
    const meta = metadataOf('2');
    expect(meta).toContain(`<sohoa:issuingAgencyAtIssue>${FOR_BATCH}</sohoa:issuingAgencyAtIssue>`);
    expect(meta).not.toContain(FROM_REGISTER);
    expect(meta).toContain(`<sohoa:digitizingAgency>${TEST_AGENCY.name}</sohoa:digitizingAgency>`);
  });

  it('keeps the column in the batch’s remembered map and its value on the register row', () => {
    const db = openRawDatabase(dataDir, { readonly: true });
    try {
      expect(JSON.parse((db.prepare('SELECT column_map AS m FROM batch').get() as { m: string }).m)).toMatchObject({
        agency: 'Cơ quan ban hành',
      });
      expect(db.prepare('SELECT archive_number AS n, issuing_agency AS agency FROM archive_register_row ORDER BY line').all()).toEqual([
        { n: '1', agency: FROM_REGISTER },
        { n: '2', agency: null },
      ]);
    } finally {
      db.close();
    }
  });
});
