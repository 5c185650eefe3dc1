import { inflateRawSync } from 'node:zlib';
import { RegisterTooLargeError, RegisterUnreadableError } from './archive-errors';

/** A register file larger than this is refused before it is read: a register of 20,000 dossiers is a few MB. */
export const MAX_REGISTER_BYTES = 20 * 1024 * 1024;
/** What one part of an XLSX (a sheet, the shared strings) may unpack to, and all parts together. */
export const MAX_XLSX_PART_BYTES = 40 * 1024 * 1024;
export const MAX_XLSX_TOTAL_BYTES = 100 * 1024 * 1024;
/** The cells a sheet spans (last row × last column): the reader fills every gap, so a far-off cell costs them all. */
export const MAX_SHEET_CELLS = 2_000_000;

export function checkRegisterSize(size: number, path: string): void {
  if (size > MAX_REGISTER_BYTES)
    throw new RegisterTooLargeError(
      path,
      `the file is ${(size / 1048576).toFixed(1)} MB; a register may be up to ${MAX_REGISTER_BYTES / 1048576} MB`,
    );
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** The entries a ZIP's central directory lists. */
function zipEntries(bytes: Buffer, path: string): ZipEntry[] {
  const unreadable = (why: string) => new RegisterUnreadableError(path, `not a readable XLSX workbook: ${why}`);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw unreadable('no ZIP directory');
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) throw unreadable('a broken ZIP directory');
    const nameLength = bytes.readUInt16LE(at + 28);
    entries.push({
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      localOffset: bytes.readUInt32LE(at + 42),
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

/** One entry unpacked, never past the part limit whatever sizes the ZIP claims. */
function unpack(bytes: Buffer, entry: ZipEntry, path: string): Buffer {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50)
    throw new RegisterUnreadableError(path, `not a readable XLSX workbook: a broken entry ${entry.name}`);
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data;
  try {
    return inflateRawSync(data, { maxOutputLength: MAX_XLSX_PART_BYTES });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw new RegisterTooLargeError(path, `${entry.name} unpacks to more than ${MAX_XLSX_PART_BYTES / 1048576} MB`);
    throw new RegisterUnreadableError(path, `not a readable XLSX workbook: ${entry.name} does not unpack`);
  }
}

const columnNumber = (letters: string) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);

/** The cells a sheet's XML spans, by the farthest row and column it addresses. */
function sheetSpan(xml: string): number {
  let rows = 0;
  let columns = 0;
  for (const m of xml.matchAll(/<(?:c|dimension)\b[^>]*?\b(?:r|ref)="(?:[A-Z]+\d+:)?([A-Z]{1,3})(\d{1,7})"/g)) {
    columns = Math.max(columns, columnNumber(m[1]!));
    rows = Math.max(rows, Number(m[2]));
  }
  for (const m of xml.matchAll(/<row\b[^>]*?\br="(\d{1,7})"/g)) rows = Math.max(rows, Number(m[1]));
  return rows * Math.max(columns, 1);
}

/** Formula cells a sheet saved without a value (as generators write them, not Excel): reference → formula text. */
export type UnvaluedFormulas = Map<string, Map<string, string>>;

const unescapeXml = (t: string) =>
  t
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

function unvaluedFormulas(xml: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of xml.matchAll(/<c\b[^>]*?\br="([A-Z]{1,3}\d{1,7})"[^>]*?>(.*?)<\/c>/gs)) {
    const formula = /<f\b[^>]*>(.+?)<\/f>/s.exec(m[2]!);
    if (formula && !/<v\b/.test(m[2]!)) found.set(m[1]!, `=${unescapeXml(formula[1]!)}`);
  }
  return found;
}

const attribute = (attributes: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(attributes)?.[1];

/** Sheet names by their part ("xl/worksheets/sheet1.xml"), from the workbook and its relationships (attributes in any order). */
function sheetNames(workbook: string, rels: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const [, attributes] of rels.matchAll(/<Relationship\b([^>]*)>/g)) {
    const id = attribute(attributes!, 'Id');
    const target = attribute(attributes!, 'Target');
    if (id && target) targets.set(id, target.replace(/^\/?(xl\/)?/, 'xl/'));
  }
  const names = new Map<string, string>();
  for (const [, attributes] of workbook.matchAll(/<sheet\b([^>]*)>/g)) {
    const target = targets.get(attribute(attributes!, 'r:id') ?? '');
    const name = attribute(attributes!, 'name');
    if (target && name !== undefined) names.set(target, unescapeXml(name));
  }
  return names;
}

/**
 * Refuses an XLSX whose unpacked parts or sheet span would take the reader gigabytes: each part
 * is unpacked here under a hard cap (ZIP headers can lie about sizes), then its sheets' addresses
 * are checked. Runs before the workbook is handed to the reader. Returns, by sheet name, the
 * formula cells saved without a value, which the reader would give as empty.
 */
export function checkXlsxLimits(bytes: Uint8Array, path: string): UnvaluedFormulas {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  checkRegisterSize(buffer.length, path);
  let total = 0;
  const formulasByPart = new Map<string, Map<string, string>>();
  let workbook = '';
  let rels = '';
  for (const entry of zipEntries(buffer, path)) {
    if (entry.name.endsWith('/')) continue;
    const part = unpack(buffer, entry, path);
    total += part.length;
    if (total > MAX_XLSX_TOTAL_BYTES)
      throw new RegisterTooLargeError(path, `the workbook unpacks to more than ${MAX_XLSX_TOTAL_BYTES / 1048576} MB`);
    if (entry.name === 'xl/workbook.xml') workbook = part.toString('utf8');
    if (entry.name === 'xl/_rels/workbook.xml.rels') rels = part.toString('utf8');
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name)) continue;
    const xml = part.toString('utf8');
    if (sheetSpan(xml) > MAX_SHEET_CELLS)
      throw new RegisterTooLargeError(
        path,
        `${entry.name} spans more than ${MAX_SHEET_CELLS.toLocaleString('en')} cells (a cell far down or to the right)`,
      );
    const formulas = unvaluedFormulas(xml);
    if (formulas.size) formulasByPart.set(entry.name, formulas);
  }
  const names = sheetNames(workbook, rels);
  return new Map([...formulasByPart].flatMap(([part, formulas]) => (names.has(part) ? [[names.get(part)!, formulas] as const] : [])));
}
