import { problemPlace } from '../../../shared/batch-report';
import { REGISTER_FIELD_NAMES } from '../../../shared/batch-start-contract';
import type { RegisterPreview } from '../../../shared/register-preview';

const show = (v: string | number | null) => (v === null || v === '' ? '—' : String(v));

/** The encoding as people should read it: a VNI conversion is said out loud. */
function encodingText(p: RegisterPreview): string {
  if (p.encoding === 'vni') return 'VNI → Unicode (NFC)';
  return p.vniCells ? `${p.encoding}, ${p.vniCells} cell(s) in VNI → Unicode (NFC)` : p.encoding;
}

/** The register preview as lines for a terminal: Vietnamese first, English second. */
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
  for (const field of REGISTER_FIELD_NAMES) lines.push(`  ${field.padEnd(9)} ← ${p.columns[field] ?? '(none)'}`);
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
