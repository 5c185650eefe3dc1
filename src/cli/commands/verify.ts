import { readFile } from 'node:fs/promises';
import { parseCommandArgs, jsonOption } from '../args';
import { UsageError, type CommandRun } from '../command';
import { RecordDamagedError } from '../../core/record/record-errors';
import type { DocumentTimestampReport, SignatureReport, VerificationReport } from '../../core/record/signature-report';
import { readTrustAnchors } from '../../core/record/trust-anchors';
import { verifyPdf } from '../../core/record/verify-pdf';

export const verifyCommand: CommandRun = {
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { ...jsonOption, trust: { type: 'string', multiple: true } });
    if (positionals.length !== 1) throw new UsageError('give exactly one PDF file');
    const path = positionals[0]!;
    const trustAnchors = readTrustAnchors(values.trust ?? []);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(path));
    } catch (e) {
      throw new RecordDamagedError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const report = await verifyPdf(bytes, { trustAnchors });
    io.out(values.json ? JSON.stringify(report, null, 2) : describe(path, report));
    return report.intact ? 0 : 1;
  },
};

function describe(path: string, report: VerificationReport): string {
  const lines = [`${path}: ${report.pageCount} page(s), ${report.signatures.length} signature(s)`];
  for (const s of report.signatures) lines.push(...describeSignature(s));
  for (const t of report.documentTimestamps) lines.push(...describeDocumentTimestamp(t));
  if (report.modifiedAfterSigning.length > 0) lines.push(`Changed after signing: ${report.modifiedAfterSigning.join('; ')}`);
  for (const w of report.warnings ?? []) lines.push(`Warning [${w.code}]: ${w.message}`);
  lines.push(
    report.intact
      ? 'Result: intact, all signatures valid and trusted'
      : report.signatures.length === 0
        ? 'Result: not signed'
        : `Result: NOT intact [${report.code}]`,
  );
  return lines.join('\n');
}

function describeDocumentTimestamp(t: DocumentTimestampReport): string[] {
  const lines = [
    `Document timestamp #${t.index}: ${t.valid ? 'valid' : 'INVALID'}, ${t.trusted ? 'trusted' : 'NOT trusted'}`,
    `  time: ${t.time || '(unknown)'} by ${t.authority || '(unknown)'}`,
    `  covers its whole revision: ${t.coversWholeFile ? 'yes' : 'no'}`,
  ];
  if (t.changesAfterTimestamp.length > 0) lines.push(`  added after it: ${t.changesAfterTimestamp.join('; ')}`);
  for (const p of [...t.problems, ...(t.trustProblems ?? [])]) lines.push(`  problem: ${p}`);
  return lines;
}

function describeSignature(s: SignatureReport): string[] {
  const lines = [
    `Signature #${s.index}: ${s.valid ? 'valid' : 'INVALID'}, ${s.trusted ? 'trusted' : 'NOT trusted'}`,
    `  signer: ${s.signer || '(unknown)'}`,
    `  certificate chain: ${s.certificateChain.join(' <- ') || '(none)'}`,
    `  chains to: ${s.trustedRoot ?? '(no trusted root)'}`,
    `  revocation: ${s.revocation}`,
    `  signing time: ${s.signingTime ?? '(none)'}`,
    `  type: ${s.subFilter}`,
    `  covers its whole revision: ${s.coversWholeFile ? 'yes' : 'no'}`,
    `  modified after signing: ${s.modifiedAfterSigning ? `yes (${s.changesAfterSigning.join('; ')})` : 'no'}`,
  ];
  if (s.timestamp) lines.push(`  timestamp: ${s.timestamp.time} by ${s.timestamp.authority} (${s.timestamp.valid ? 'valid' : 'INVALID'})`);
  for (const p of [...s.problems, ...(s.trustProblems ?? [])]) lines.push(`  problem: ${p}`);
  return lines;
}
