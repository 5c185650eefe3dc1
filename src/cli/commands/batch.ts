import { realpath } from 'node:fs/promises';
import { dataDirOption, jsonOption, parseCommandArgs } from '../args';
import { UsageError, type Command } from '../command';
import { resolveDataDir } from '../../core/data-dir';
import { Engine } from '../../core/engine';
import { cliDataKey } from '../open-engine';
import { BatchNotFoundError } from '../../core/archive/archive-errors';
import { batchReport, formatBatchReport, type BatchReport } from '../../core/archive/batch-report';
import { runBatch } from '../../core/archive/batch-run';
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
} as const;

export const batchCommand: Command = {
  name: 'batch',
  usage: 'batch <folder> [--manifest register.csv|.xlsx] [--data-dir D]',
  // Also: --workers N (OCR workers, default 2), --encoding utf-8|windows-1258|tcvn3 (register; guessed by default),
  // --json (summary as JSON), and `batch --report <batchId|folder> [--json]` for a batch's flags.
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
      const engine = Engine.open({ dataDir, key: cliDataKey(dataDir, values['key-file'], io.env), actor });
      try {
        const archive = new ArchiveRepository(engine.store.db);
        print(batchReport(archive, await findBatch(archive, values.report)));
        return 0;
      } finally {
        await engine.close();
      }
    }

    if (positionals.length !== 1) throw new UsageError('give one folder of scans');
    const workers = values.workers === undefined ? 2 : Number(values.workers);
    if (!Number.isInteger(workers) || workers < 1 || workers > 16) throw new UsageError('--workers must be a whole number from 1 to 16');
    if (values.encoding !== undefined && !ENCODINGS.includes(values.encoding as RegisterEncoding)) throw new UsageError(`--encoding must be one of ${ENCODINGS.join(', ')}`);

    const stages = createPipelineStages({ dataDir, ocrWorkers: workers });
    const engine = Engine.open({ dataDir, key: cliDataKey(dataDir, values['key-file'], io.env), actor, pipeline: { stages, concurrency: workers } });
    try {
      const { report } = await runBatch(engine, {
        folder: positionals[0]!,
        registerPath: values.manifest,
        encoding: values.encoding as RegisterEncoding | undefined,
        actor,
        onIntake: (intake) => {
          io.err(`sohoa batch: batch ${intake.batch.id} ${intake.resumed ? 'resumed' : 'opened'}; ${intake.pagesAdded} new page(s)${intake.loose.length ? `; ${intake.loose.length} file(s) outside any dossier folder` : ''}`);
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
