import type { AuditRow } from '../store/audit-repository';

const HEADER = ['seq', 'at', 'actor', 'workstation', 'action', 'subject', 'details', 'hash'];

/** RFC 4180 field: quoted when it holds a comma, quote or line break; a leading =+-@ is defused for spreadsheets. */
function field(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The audit events as CSV (UTF-8 with BOM so spreadsheet programs read Vietnamese right), CRLF line ends. */
export function auditCsv(rows: Iterable<AuditRow>): { csv: string; rows: number } {
  const lines = [HEADER.join(',')];
  for (const r of rows) lines.push([r.seq, r.at, r.actor, r.workstation_id, r.action, r.subject, r.details, r.hash].map(field).join(','));
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, rows: lines.length - 1 };
}
