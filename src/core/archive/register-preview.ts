import { problemPlace } from '../../shared/batch-report';
import { delimiterName } from '../catalog/csv';
import { REGISTER_FIELDS } from './register-columns';
import type { ParsedRegister, RegisterRow } from './register-import';

/** What `batch --preview` shows: how the file was read, the column map and the first rows as the import will read them. */
export interface RegisterPreview {
  encoding: string;
  /** The CSV delimiter's name ("semicolon (;)"), null for XLSX. */
  delimiter: string | null;
  /** The row(s) taken as the header. */
  headerLines: number[];
  /** Cells converted from VNI to Unicode. */
  vniCells: number;
  sheets: ParsedRegister['sheets'];
  header: string[];
  columns: ParsedRegister['columns'];
  rows: RegisterRow[];
  rowCount: number;
  problems: ParsedRegister['problems'];
}

export function previewRegister(register: ParsedRegister, first = 5): RegisterPreview {
  return {
    encoding: register.encoding,
    delimiter: register.delimiter ? delimiterName(register.delimiter) : null,
    headerLines: register.headerLines,
    vniCells: register.vniCells,
    sheets: register.sheets,
    header: register.header,
    columns: register.columns,
    rows: register.rows.slice(0, first),
    rowCount: register.rows.length,
    problems: register.problems,
  };
}

const show = (v: string | number | null) => (v === null || v === '' ? '—' : String(v));

export { problemPlace };

/** The encoding as people should read it: a VNI conversion is said out loud. */
function encodingText(p: RegisterPreview): string {
  if (p.encoding === 'vni') return 'VNI → Unicode (NFC)';
  return p.vniCells ? `${p.encoding}, ${p.vniCells} cell(s) in VNI → Unicode (NFC)` : p.encoding;
}

export function formatRegisterPreview(p: RegisterPreview): string[] {
  const read = p.sheets.filter((s) => s.name !== null).map((s) => `'${s.name}'`);
  const lines = [
    `Sổ theo dõi / register: ${p.rowCount} row(s), ${p.problems.length} problem(s)`,
    `Bảng mã / encoding: ${encodingText(p)}`,
    ...(p.delimiter ? [`Dấu phân cách / delimiter: ${p.delimiter}`] : []),
    ...(read.length ? [`Trang tính / sheet(s): ${read.join(', ')}`] : []),
    `Dòng tiêu đề / header row: ${p.headerLines.join('–')}`,
    'Cột / columns:',
  ];
  for (const field of REGISTER_FIELDS) lines.push(`  ${field.padEnd(9)} ← ${p.columns[field] ?? '(none)'}`);
  const unused = p.header.filter((h) => h && !Object.values(p.columns).includes(h));
  if (unused.length) lines.push(`  (not used: ${unused.join(', ')})`);
  lines.push(`Dòng đầu / first rows:`);
  for (const r of p.rows) {
    lines.push(
      `  line ${r.line}: box ${show(r.box)} · dossier ${show(r.archiveNumber)} · title ${show(r.title)} · year ${show(r.year)} · field ${show(r.field)} · pages ${show(r.expectedPages)} · retention ${show(r.retention)}`,
    );
  }
  for (const pr of p.problems) lines.push(`register ${problemPlace(pr)}: ${pr.code} (${pr.severity}) ${pr.message}`);
  return lines;
}
