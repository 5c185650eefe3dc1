import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/cli';
import { sourceFiles, withoutComments } from '../support/source-files';

/**
 * A command is a thin adapter over the contract, as the app is: it opens the Engine and calls its methods
 * through the engine's edge (`dispatch`), so the app and the command line cannot drift apart. It may also
 * find the data directory before opening it.
 */
const ALLOWED = ['src/core/engine.ts', 'src/core/rpc-dispatch.ts', 'src/core/data-dir.ts'];

/**
 * What each command still takes from the engine's modules beyond that. This list may only shrink:
 * - batch: the run opens its engine with the pipeline's stages (as `dossier return` does) and names a full disk
 *   met while opening it; the sheet printers make PDFs on the operator's machine without a store.
 * - ocr, process, verify: tools over files, with no store (the engine's stages used as a library).
 * - backup: `check` and `restore` work on a backup's folder with no store open (a restore replaces the data
 *   folder, so no engine may hold it); making a backup is `backup.run`.
 * - sync: `--validate-bag` checks a bag on disk with no store; the rest is `sync.*`.
 * - store: `store encrypt` adopts a plain database before the engine can open it.
 */
const EXCEPTIONS: Record<string, string[]> = {
  'src/cli/commands/backup.ts': ['src/core/backup/backup.ts'],
  'src/cli/commands/batch/batch-args.ts': ['src/core/security/data-key.ts'],
  'src/cli/commands/batch/patch-sheets.ts': ['src/core/archive/patch-sheets.ts'],
  'src/cli/commands/batch/run-target.ts': [
    'src/core/archive/register-columns.ts',
    'src/core/archive/register-encoding.ts',
    'src/core/archive/separation.ts',
  ],
  'src/cli/commands/batch/run.ts': ['src/core/archive/archive-errors.ts', 'src/core/jobs/job-runner.ts', 'src/core/jobs/real-stages.ts'],
  'src/cli/commands/batch/separator-sheets.ts': [
    'src/core/archive/batch-intake.ts',
    'src/core/archive/register-columns.ts',
    'src/core/archive/register-encoding.ts',
    'src/core/archive/separator-sheets.ts',
  ],
  'src/cli/commands/dossier-return.ts': ['src/core/jobs/real-stages.ts'],
  'src/cli/commands/ocr.ts': [
    'src/core/imaging/clean-page.ts',
    'src/core/ocr/fields/extract-fields.ts',
    'src/core/ocr/fields/field-types.ts',
    'src/core/ocr/language-data.ts',
    'src/core/ocr/ocr-pool.ts',
    'src/core/ocr/tesseract-driver.ts',
    'src/core/store/database-file.ts',
  ],
  'src/cli/commands/process.ts': [
    'src/core/imaging/clean-page.ts',
    'src/core/ocr/ocr-pool.ts',
    'src/core/ocr/tesseract-driver.ts',
    'src/core/record/p12-signer.ts',
    'src/core/record/page-as-is.ts',
    'src/core/record/pkcs11-signer.ts',
    'src/core/record/record-from-images.ts',
    'src/core/record/sign-pdf.ts',
    'src/core/record/signer.ts',
    'src/core/record/timestamp-client.ts',
    'src/core/record/xmp-metadata.ts',
    'src/core/store/durable-write.ts',
  ],
  'src/cli/commands/store.ts': ['src/core/security/encrypt-plain-store.ts'],
  'src/cli/commands/sync.ts': ['src/core/sync/bag-validator.ts', 'src/core/sync/bag-zip.ts'],
  'src/cli/commands/verify.ts': [
    'src/core/record/record-errors.ts',
    'src/core/record/signature-report.ts',
    'src/core/record/trust-anchors.ts',
    'src/core/record/verify-pdf.ts',
  ],
};

/** Every module named by an import, an export … from, or a dynamic import(). */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)'([^']+)'/gm;

/** The engine's modules a file imports (as paths from the repository), beyond those every command may use. */
export function coreImports(file: string, code: string): string[] {
  const found = new Set<string>();
  for (const [, spec] of withoutComments(code).matchAll(SPECIFIER)) {
    if (!spec!.startsWith('.')) continue;
    const path = normalize(join(dirname(file), spec!)).replaceAll('\\', '/');
    const module = /\.(ts|tsx|mts)$/.test(path) ? path : `${path}.ts`;
    if (module.startsWith('src/core/') && !ALLOWED.includes(module)) found.add(module);
  }
  return [...found].sort();
}

function breaches(): Record<string, string[]> {
  return Object.fromEntries(
    sourceFiles('src/cli/commands')
      .map((file) => [file, coreImports(file, readFileSync(join(REPO, file), 'utf8'))] as const)
      .filter(([, modules]) => modules.length > 0)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

describe('the command line over the contract', () => {
  it('takes from the engine only the Engine, its dispatch and the data directory (the exceptions only shrink)', () => {
    expect(breaches()).toEqual(EXCEPTIONS);
  });

  it('signs, pauses, cancels, approves, reports, lists QC of a batch and previews a register through the contract, as the app does', () => {
    for (const mode of ['sign', 'control', 'signer-choice', 'find-batch', 'report', 'qc', 'preview']) {
      const file = `src/cli/commands/batch/${mode}.ts`;
      expect(coreImports(file, readFileSync(join(REPO, file), 'utf8')), file).toEqual([]);
    }
    const sign = readFileSync(join(REPO, 'src/cli/commands/batch/sign.ts'), 'utf8');
    for (const method of ["'batch.sign'", "'batch.signCancel'"]) expect(sign).toContain(method);
    const signer = readFileSync(join(REPO, 'src/cli/commands/batch/signer-choice.ts'), 'utf8');
    for (const method of ["'signer.unlock'", "'signer.unlockToken'"]) expect(signer).toContain(method);
    expect(readFileSync(join(REPO, 'src/cli/commands/batch/report.ts'), 'utf8')).toContain("'batch.report'");
    expect(readFileSync(join(REPO, 'src/cli/commands/batch/qc.ts'), 'utf8')).toContain("'batch.qcItems'");
    expect(readFileSync(join(REPO, 'src/cli/commands/batch/preview.ts'), 'utf8')).toContain("'batch.registerPreview'");
  });

  it('imports catalogs, checks and re-anchors the audit log, recounts the summaries, backs up and syncs through the contract', () => {
    const calls: Record<string, string[]> = {
      'src/cli/commands/catalog.ts': ["'catalog.import'"],
      'src/cli/commands/audit.ts': ["'audit.verify'", "'audit.reAnchor'"],
      'src/cli/commands/status.ts': ["'stats.verifySummaries'"],
      'src/cli/commands/backup.ts': ["'backup.run'"],
      'src/cli/commands/sync.ts': ["'sync.enroll'", "'sync.send'", "'sync.retryRejected'", "'sync.exportBag'"],
    };
    for (const [file, methods] of Object.entries(calls)) {
      const code = withoutComments(readFileSync(join(REPO, file), 'utf8'));
      for (const method of methods) expect(code, file).toContain(method);
      expect(code, file).not.toMatch(/\.audit\.append\(|engine\.store\.|new WorkstationSync/);
    }
  });

  it('sees an engine module in each shape it is imported', () => {
    const file = 'src/cli/commands/batch/x.ts';
    const samples = [
      `import { runBatch } from '../../../core/archive/batch-run';`,
      `import {\n  runBatch,\n  type BatchRunOptions,\n} from '../../../core/archive/batch-run';`,
      `import type { BatchRunOptions } from '../../../core/archive/batch-run';`,
      `const { runBatch } = await import('../../../core/archive/batch-run');`,
      `export { runBatch } from '../../../core/archive/batch-run';`,
      `import '../../../core/archive/batch-run';`,
    ];
    for (const code of samples) expect(coreImports(file, code), code).toEqual(['src/core/archive/batch-run.ts']);
    const innocent = [
      `import { Engine } from '../../../core/engine';`,
      `import { dispatch } from '../../../core/rpc-dispatch';`,
      `import { resolveDataDir } from '../../../core/data-dir';`,
      `import { CodedError } from '../../../shared/errors';`,
      `// import { runBatch } from '../../../core/archive/batch-run';`,
      `import { parseArgs } from 'node:util';`,
    ];
    for (const code of innocent) expect(coreImports(file, code), code).toEqual([]);
  });
});
