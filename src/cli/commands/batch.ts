import { realpath, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { dataDirOption, jsonOption, parseCommandArgs } from '../args';
import { UsageError, type Command } from '../command';
import { resolveDataDir } from '../../core/data-dir';
import { Engine } from '../../core/engine';
import { BatchNotFoundError } from '../../core/archive/archive-errors';
import { batchReport, formatBatchReport, type BatchReport } from '../../core/archive/batch-report';
import { loadRegister } from '../../core/archive/batch-intake';
import { batchKey } from '../../core/archive/batch-key';
import { runBatch } from '../../core/archive/batch-run';
import { parseColumnChoice, type ColumnMap } from '../../core/archive/register-columns';
import { formatRegisterPreview, previewRegister } from '../../core/archive/register-preview';
import { parseSeparationMode } from '../../core/archive/separation';
import { buildSeparatorSheets } from '../../core/archive/separator-sheets';
import type { RegisterEncoding } from '../../core/archive/register-encoding';
import { createPipelineStages } from '../../core/jobs/real-stages';
import { ArchiveRepository } from '../../core/store/archive-repository';

const ENCODINGS: RegisterEncoding[] = ['utf-8', 'windows-1258', 'tcvn3'];

const options = {
  ...dataDirOption,
  ...jsonOption,
  manifest: { type: 'string' },
  workers: { type: 'string' },
  report: { type: 'string' },
  encoding: { type: 'string' },
  preview: { type: 'boolean' },
  map: { type: 'string' },
  separate: { type: 'string' },
  'separator-sheets': { type: 'string' },
  out: { type: 'string' },
} as const;

export const batchCommand: Command = {
  name: 'batch',
  usage: 'batch <folder> [--manifest register.csv|.xlsx] [--data-dir D]',
  // Also: --workers N (OCR workers, default 2), --encoding utf-8|windows-1258|tcvn3 (register; guessed by default),
  // --json (summary as JSON), --map "box=Hộp số,number=Hồ sơ số,…" (register columns by hand; remembered),
  // `batch --preview <folder> --manifest F [--map …]` (the column map and the first rows, nothing imported),
  // --separate folders|qr|blank|count:N (how pages split into dossiers; remembered per batch),
  // `batch --separator-sheets register.csv|.xlsx --out sheets.pdf` (one QR separator sheet per register row),
  // and `batch --report <batchId|folder> [--json]` for a batch's flags.
  summary: 'back-digitize a folder of archive scans (resumable)',
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, options);
    const actor = `cli:${io.env.USER ?? io.env.USERNAME ?? 'unknown'}`;
    const dataDir = resolveDataDir(values['data-dir'], io.env);
    const print = (report: BatchReport) => {
      if (values.json) io.out(JSON.stringify(report, null, 2));
      else for (const line of formatBatchReport(report)) io.out(line);
    };

    if (values.report !== undefined) {
      if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}' with --report`);
      const engine = Engine.open({ dataDir, actor });
      try {
        const archive = new ArchiveRepository(engine.store.db);
        print(batchReport(archive, await findBatch(archive, values.report)));
        return 0;
      } finally {
        await engine.close();
      }
    }

    if (values['separator-sheets'] !== undefined) {
      if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}' with --separator-sheets`);
      if (values.out === undefined) throw new UsageError('--separator-sheets needs --out sheets.pdf');
      const register = await loadRegister(values['separator-sheets'], { chosen: values.map === undefined ? undefined : parseColumnChoice(values.map), encoding: values.encoding as RegisterEncoding | undefined });
      if (register.rows.length === 0) throw new UsageError('the register has no usable row: no sheet to print');
      const pdf = await buildSeparatorSheets(register.rows, basename(values['separator-sheets']));
      await writeFile(values.out, pdf);
      for (const p of register.problems) io.err(`sohoa batch: register line ${p.line}: ${p.code} (${p.severity}) ${p.message}`);
      io.out(`${register.rows.length} separator sheet(s) written to ${values.out}`);
      return 0;
    }

    if (positionals.length !== 1) throw new UsageError('give one folder of scans');
    const separate = values.separate === undefined ? undefined : parseSeparationMode(values.separate);
    const columns: ColumnMap | undefined = values.map === undefined ? undefined : parseColumnChoice(values.map);
    if (values.encoding !== undefined && !ENCODINGS.includes(values.encoding as RegisterEncoding)) throw new UsageError(`--encoding must be one of ${ENCODINGS.join(', ')}`);

    if (values.preview) {
      if (values.manifest === undefined) throw new UsageError('--preview needs --manifest');
      const engine = Engine.open({ dataDir, actor });
      try {
        const source = await realpath(positionals[0]!).catch(() => positionals[0]!);
        const registerPath = await realpath(values.manifest).catch(() => values.manifest!);
        const remembered = new ArchiveRepository(engine.store.db).batchByKey(batchKey(source, registerPath))?.columns ?? undefined;
        const preview = previewRegister(await loadRegister(registerPath, { remembered, chosen: columns, encoding: values.encoding as RegisterEncoding | undefined }));
        if (values.json) io.out(JSON.stringify(preview, null, 2));
        else for (const line of formatRegisterPreview(preview)) io.out(line);
        return 0;
      } finally {
        await engine.close();
      }
    }
    const workers = values.workers === undefined ? 2 : Number(values.workers);
    if (!Number.isInteger(workers) || workers < 1 || workers > 16) throw new UsageError('--workers must be a whole number from 1 to 16');

    const stages = createPipelineStages({ dataDir, ocrWorkers: workers });
    const engine = Engine.open({ dataDir, actor, pipeline: { stages, concurrency: workers } });
    try {
      const { report } = await runBatch(engine, {
        folder: positionals[0]!,
        registerPath: values.manifest,
        encoding: values.encoding as RegisterEncoding | undefined,
        columns,
        separate,
        actor,
        onIntake: (intake) => {
          io.err(`sohoa batch: batch ${intake.batch.id} ${intake.resumed ? 'resumed' : 'opened'}; ${intake.pagesAdded} new page(s)${intake.separators ? `; ${intake.separators} separator page(s)` : ''}${intake.loose.length ? `; ${intake.loose.length} page file(s) outside any dossier` : ''}`);
          if (intake.register) io.err(`sohoa batch: register ${intake.register.encoding}, ${intake.register.rows.length} row(s), ${intake.register.problems.length} problem(s)`);
        },
        onProgress: (line) => io.err(`sohoa batch: ${line}`),
      });
      print(report);
      return 0;
    } finally {
      await engine.close();
      await stages.close();
    }
  },
};

async function findBatch(archive: ArchiveRepository, ref: string): Promise<number> {
  if (/^\d+$/.test(ref)) {
    if (!archive.batch(Number(ref))) throw new BatchNotFoundError(ref);
    return Number(ref);
  }
  const source = await realpath(ref).catch(() => ref);
  const batch = archive.latestBatchOfSource(source);
  if (!batch) throw new BatchNotFoundError(ref);
  return batch.id;
}
