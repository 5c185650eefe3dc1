import { problemPlace, type BatchReport } from '../../../shared/batch-report';

const where = (f: { box: string; archiveNumber: string }) => (f.box ? `${f.box}/${f.archiveNumber}` : f.archiveNumber);

/** The report as lines for a terminal: Vietnamese first, English second. */
export function formatBatchReport(r: BatchReport): string[] {
  const lines = [
    `Lô / batch ${r.batch.id} (${r.batch.name}): ${r.batch.status}; split by ${r.batch.separation}`,
    `Hồ sơ tìm thấy / dossiers found: ${r.dossiersFound}; đăng ký / registered: ${r.registered}; khớp / matched: ${r.matched}`,
    `Trang / pages: ${r.pages.found} found, ${r.pages.expected} expected (registered dossiers), ${r.pages.read} read, ${r.pages.failed} failed; records: ${r.pages.records}/${r.dossiersFound}`,
  ];
  for (const d of r.dossiers) {
    const expected = d.registerLine === null ? 'not in register' : d.expectedPages === null ? 'expected ?' : `expected ${d.expectedPages}`;
    lines.push(`  ${d.relPath}: ${d.dossierCode}, ${d.pages} page(s), ${expected}${d.pagesFailed ? `, ${d.pagesFailed} failed` : ''}`);
  }
  for (const f of r.flags) lines.push(`! ${f.kind} ${where(f)} ${JSON.stringify(f.details)}`);
  for (const p of r.registerProblems) lines.push(`register ${problemPlace(p)}: ${p.code} (${p.severity}) ${p.message}`);
  return lines;
}
