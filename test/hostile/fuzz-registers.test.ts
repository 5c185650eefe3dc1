import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRegister, readRegister, type ParsedRegister } from '../../src/core/archive/register-import';
import { toWindows1258 } from '../archive/legacy-encodings';
import { CASES_PER_PARSER, finish, FUZZ_SEED, newOutcome, noteRejection, summary, withinLimit, type FuzzOutcome } from './fuzz-support';
import { mutate, prng, type Mutation } from './mutate';

const MUTATIONS: Mutation[] = ['truncate', 'flip', 'splice', 'zero-run'];
const REGISTER_LINES = [
  'STT,Hộp số,Hồ sơ số,Tiêu đề hồ sơ,Năm,Lĩnh vực,Số trang,Thời hạn bảo quản',
  '1,01,001,Hồ sơ đăng ký khai sinh,2020,Hộ tịch,12,Vĩnh viễn',
  '2,01,002,"Hồ sơ cấp giấy chứng nhận, đất ở",2021,Đất đai,30,20 năm',
  '3,02,7,Hồ sơ kết hôn,15/03/2021,Hộ tịch,5 trang,20 năm',
];
const XLSX_SEED = join(import.meta.dirname, '..', 'fixtures', 'registers', 'muc-luc-ho-so.xlsx');

/** The parts of an XLSX (a ZIP), by name. */
function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const parts = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream
            .on('data', (c: Buffer) => chunks.push(c))
            .on('end', () => (parts.set(entry.fileName, Buffer.concat(chunks)), zip.readEntry()));
        }),
      );
      zip.on('end', () => resolve(parts)).on('error', reject);
      zip.readEntry();
    }),
  );
}

/** A well-formed ZIP of these parts (right CRCs), so a mutated part reaches the XML reader behind the ZIP layer. */
function zip(parts: Map<string, Buffer>): Promise<Buffer> {
  const out = new yazl.ZipFile();
  for (const [name, bytes] of parts) out.addBuffer(bytes, name, { compress: false });
  out.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    out.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)));
    out.outputStream.on('error', reject);
  });
}

/** A register read: only codes of the register's own (`register.*`) for the problems of its rows. */
function checkProblems(o: FuzzOutcome, r: ParsedRegister, what: string): void {
  for (const p of r.problems) if (!/^register\.[a-z-]+$/.test(p.code)) o.findings.push(`${what}: problem code ${p.code}`);
}

describe('hostile input: mutated registers (sổ theo dõi) fed to the real register reader', () => {
  const outcomes: FuzzOutcome[] = [];
  let xlsx: Buffer;
  let parts: Map<string, Buffer>;
  beforeAll(async () => {
    xlsx = readFileSync(XLSX_SEED);
    parts = await unzip(xlsx);
  });
  afterAll(() => {
    for (const o of outcomes) console.log(summary(o));
  });

  it(`CSV (UTF-8 and Windows-1258): ${CASES_PER_PARSER} mutants, each read or refused with a register code`, () => {
    const random = prng(FUZZ_SEED + 2);
    const pool = [Buffer.from(REGISTER_LINES.join('\r\n')), toWindows1258(REGISTER_LINES.join('\n'))];
    const o = newOutcome('csv register');
    outcomes.push(o);
    for (let i = 0; i < CASES_PER_PARSER; i++) {
      const kind = MUTATIONS[i % MUTATIONS.length]!;
      const what = `csv case ${i} (${kind})`;
      const bytes = mutate(pool[i % 2]!, pool[(i + 1) % 2]!, random, kind);
      o.cases++;
      try {
        checkProblems(o, parseRegister(bytes, 'register.csv'), what);
        o.accepted++;
      } catch (e) {
        noteRejection(o, e, what);
      }
    }
    finish(o);
    expect(o.findings, summary(o)).toEqual([]);
    expect(o.accepted).toBeGreaterThan(0);
    expect(o.rejected.get('register.missing-column') ?? 0).toBeGreaterThan(0);
  });

  it(`XLSX: ${CASES_PER_PARSER} mutants (of a sheet, the shared strings, the workbook, or the ZIP itself), each read or refused with a register code`, async () => {
    const random = prng(FUZZ_SEED + 4);
    const names = [...parts.keys()];
    // Most mutants change one part and are zipped again, so they get past the ZIP layer into the XML; one in five mutates the ZIP's bytes.
    const targets = ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/sharedStrings.xml', 'xl/workbook.xml', ...names];
    const o = newOutcome('xlsx register');
    outcomes.push(o);
    for (let i = 0; i < CASES_PER_PARSER; i++) {
      const kind = MUTATIONS[i % MUTATIONS.length]!;
      let bytes: Buffer;
      let what: string;
      if (i % 5 === 4) {
        bytes = mutate(xlsx, xlsx, random, kind);
        what = `xlsx case ${i} (${kind} of the ZIP)`;
      } else {
        const name = targets[Math.floor(random() * targets.length)]!;
        const changed = new Map(parts);
        changed.set(name, mutate(parts.get(name)!, parts.get(names[Math.floor(random() * names.length)]!)!, random, kind));
        bytes = await zip(changed);
        what = `xlsx case ${i} (${kind} of ${name})`;
      }
      o.cases++;
      try {
        checkProblems(o, await withinLimit(readRegister(bytes, 'register.xlsx'), what), what);
        o.accepted++;
      } catch (e) {
        noteRejection(o, e, what);
      }
    }
    finish(o);
    expect(o.findings, summary(o)).toEqual([]);
    expect(o.accepted).toBeGreaterThan(0);
    expect(o.rejected.get('register.unreadable') ?? 0).toBeGreaterThan(0);
  });
});
