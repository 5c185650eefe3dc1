import { neutraliseFormula } from '../export/spreadsheet-text';
import type { AuditRow } from '../store/audit-repository';

const HEADER = ['seq', 'at', 'actor', 'workstation', 'action', 'subject', 'details', 'hash'];

/** RFC 4180 field: quoted when it holds a comma, quote or line break; a leading =+-@ is defused for spreadsheets. */
function field(value: string | number | null): string {
  const text = value === null ? '' : typeof value === 'number' ? String(value) : neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The audit events as CSV (UTF-8 with BOM so spreadsheet programs read Vietnamese right), CRLF line ends. */
export function auditCsv(rows: Iterable<AuditRow>): { csv: string; rows: number } {
  const lines = [HEADER.join(',')];
  for (const r of rows) lines.push([r.seq, r.at, r.actor, r.workstation_id, r.action, r.subject, r.details, r.hash].map(field).join(','));
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, rows: lines.length - 1 };
}
