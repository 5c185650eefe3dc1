import { REGISTER_FIELDS } from './register-columns';
import type { ParsedRegister, RegisterRow } from './register-import';

/** What `batch --preview` shows: the column map and the first rows as the import will read them. */
export interface RegisterPreview {
  encoding: string;
  header: string[];
  columns: ParsedRegister['columns'];
  rows: RegisterRow[];
  rowCount: number;
  problems: ParsedRegister['problems'];
}

export function previewRegister(register: ParsedRegister, first = 5): RegisterPreview {
  return {
    encoding: register.encoding,
    header: register.header,
    columns: register.columns,
    rows: register.rows.slice(0, first),
    rowCount: register.rows.length,
    problems: register.problems,
  };
}

const show = (v: string | number | null) => (v === null || v === '' ? '—' : String(v));

export function formatRegisterPreview(p: RegisterPreview): string[] {
  const lines = [`Sổ theo dõi / register: ${p.encoding}, ${p.rowCount} row(s), ${p.problems.length} problem(s)`, 'Cột / columns:'];
  for (const field of REGISTER_FIELDS) lines.push(`  ${field.padEnd(9)} ← ${p.columns[field] ?? '(none)'}`);
  const unused = p.header.filter((h) => !Object.values(p.columns).includes(h));
  if (unused.length) lines.push(`  (not used: ${unused.join(', ')})`);
  lines.push(`Dòng đầu / first rows:`);
  for (const r of p.rows) {
    lines.push(`  line ${r.line}: box ${show(r.box)} · dossier ${show(r.archiveNumber)} · title ${show(r.title)} · year ${show(r.year)} · field ${show(r.field)} · pages ${show(r.expectedPages)} · retention ${show(r.retention)}`);
  }
  for (const pr of p.problems) lines.push(`register line ${pr.line}: ${pr.code} (${pr.severity}) ${pr.message}`);
  return lines;
}
