import { mkdir, realpath, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { dataDirOption, jsonOption, parseCommandArgs } from '../args';
import { UsageError, type CliIo, type CommandRun } from '../command';
import { HotFolder } from '../../core/capture/hot-folder';
import { isDiskFull } from '../../core/jobs/job-runner';
import { resolveDataDir } from '../../core/data-dir';
import { Engine } from '../../core/engine';
import type { DataKey } from '../../core/security/data-key';
import { cliDataKey } from '../open-engine';
import { agencyForRun, agencyOptions } from '../agency-option';
import { BatchDiskFullError } from '../../core/archive/archive-errors';
import { formatBatchReport, type BatchReport } from '../../core/archive/batch-report';
import { BatchService, type SignerChoice } from '../../core/archive/batch-service';
import { loadRegister } from '../../core/archive/batch-intake';
import { runBatch } from '../../core/archive/batch-run';
import { parseColumnChoice, type ColumnMap } from '../../core/archive/register-columns';
import { formatRegisterPreview, previewRegister, problemPlace } from '../../core/archive/register-preview';
import { BatchProgress } from '../../core/archive/batch-progress';
import { SignerSession } from '../../core/desk/signer-session';
import { parseSeparationMode } from '../../core/archive/separation';
import { buildSeparatorSheets } from '../../core/archive/separator-sheets';
import { buildPatchSheets } from '../../core/archive/patch-sheets';
import { REGISTER_ENCODINGS as ENCODINGS, type RegisterEncoding } from '../../core/archive/register-encoding';
import { createPipelineStages } from '../../core/jobs/real-stages';
import { cliActor } from '../cli-actor';

export const options = {
  ...dataDirOption,
  ...jsonOption,
  manifest: { type: 'string' },
  workers: { type: 'string' },
  report: { type: 'string' },
  encoding: { type: 'string' },
  sheet: { type: 'string' },
  preview: { type: 'boolean' },
  map: { type: 'string' },
  separate: { type: 'string' },
  'separator-sheets': { type: 'string' },
  'patch-t-sheets': { type: 'string' },
  count: { type: 'string' },
  out: { type: 'string' },
  watch: { type: 'string' },
  pause: { type: 'string' },
  resume: { type: 'string' },
  cancel: { type: 'string' },
  qc: { type: 'string' },
  approve: { type: 'string' },
  dossier: { type: 'string', multiple: true },
  sign: { type: 'string' },
  p12: { type: 'string' },
  'pass-env': { type: 'string' },
  pkcs11: { type: 'string' },
  'token-label': { type: 'string' },
  'pin-env': { type: 'string' },
  ...agencyOptions,
  'issuing-agency': { type: 'string' },
} as const;

export const batchCommand: CommandRun = {
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, options);
    const actor = cliActor(io.env);
    const dataDir = resolveDataDir(values['data-dir'], io.env);
    const print = (report: BatchReport) => {
      if (values.json) io.out(JSON.stringify(report, null, 2));
      else for (const line of formatBatchReport(report)) io.out(line);
    };

    if (values.report !== undefined) {
      if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}' with --report`);
      const engine = Engine.open({ dataDir, key: cliDataKey(dataDir, values['key-file'], io.env), actor });
      try {
        print(await new BatchService(engine).report(values.report));
        return 0;
      } finally {
        await engine.close();
      }
    }

    if (values['separator-sheets'] !== undefined) {
      if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}' with --separator-sheets`);
      if (values.out === undefined) throw new UsageError('--separator-sheets needs --out sheets.pdf');
      const register = await loadRegister(values['separator-sheets'], {
        chosen: values.map === undefined ? undefined : parseColumnChoice(values.map),
        encoding: values.encoding as RegisterEncoding | undefined,
        sheet: values.sheet,
      });
      if (register.rows.length === 0) throw new UsageError('the register has no usable row: no sheet to print');
      const pdf = await buildSeparatorSheets(register.rows, basename(values['separator-sheets']));
      await writeFile(values.out, pdf);
      for (const p of register.problems) io.err(`sohoa batch: register ${problemPlace(p)}: ${p.code} (${p.severity}) ${p.message}`);
      io.out(`${register.rows.length} separator sheet(s) written to ${values.out}`);
      return 0;
    }

    if (values.count !== undefined && values['patch-t-sheets'] === undefined) throw new UsageError('--count goes with --patch-t-sheets');
    if (values['patch-t-sheets'] !== undefined) {
      if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}' with --patch-t-sheets`);
      const count = values.count === undefined ? 1 : Number(values.count);
      if (!Number.isInteger(count) || count < 1 || count > 1000) throw new UsageError('--count must be a whole number from 1 to 1000');
      await writeFile(values['patch-t-sheets'], await buildPatchSheets('T', count));
      io.out(`${count} Patch T sheet(s) written to ${values['patch-t-sheets']} (print at 100 %, not fitted to the page)`);
      return 0;
    }

    if (values.qc !== undefined || values.approve !== undefined)
      return qc(
        dataDir,
        cliDataKey(dataDir, values['key-file'], io.env),
        actor,
        values.qc ?? values.approve!,
        values.approve !== undefined ? (values.dossier ?? 'clean') : null,
        values.json === true,
        io,
      );
    if (values.sign !== undefined)
      return sign(
        dataDir,
        cliDataKey(dataDir, values['key-file'], io.env),
        actor,
        values.sign,
        signerChoice(values, io.env),
        values.json === true,
        io,
      );
    if (values.pause !== undefined)
      return control(dataDir, cliDataKey(dataDir, values['key-file'], io.env), actor, values.pause, 'paused', io);
    if (values.cancel !== undefined)
      return control(dataDir, cliDataKey(dataDir, values['key-file'], io.env), actor, values.cancel, 'cancelled', io);
    const resumeRef = values.resume;
    const watch = values.watch !== undefined;
    let folder: string;
    let registerPath = values.manifest;
    if (resumeRef !== undefined) {
      if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}' with --resume`);
      const found = await storedBatch(dataDir, cliDataKey(dataDir, values['key-file'], io.env), actor, resumeRef);
      folder = found.source;
      registerPath ??= found.registerPath ?? undefined;
    } else if (watch) {
      if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}' with --watch`);
      folder = values.watch!;
      await mkdir(folder, { recursive: true });
    } else {
      if (positionals.length !== 1) throw new UsageError('give one folder of scans');
      folder = positionals[0]!;
    }
    const separate = values.separate === undefined ? undefined : parseSeparationMode(values.separate);
    if (watch && (separate === undefined || separate.kind === 'folders'))
      throw new UsageError('--watch needs --separate qr, patch-t, blank or count:N (a hot folder is a flat stream of pages)');
    const columns: ColumnMap | undefined = values.map === undefined ? undefined : parseColumnChoice(values.map);
    if (values.encoding !== undefined && !(ENCODINGS as readonly string[]).includes(values.encoding))
      throw new UsageError(`--encoding must be one of ${ENCODINGS.join(', ')}`);

    if (values.preview) {
      if (values.manifest === undefined) throw new UsageError('--preview needs --manifest');
      const engine = Engine.open({ dataDir, key: cliDataKey(dataDir, values['key-file'], io.env), actor });
      try {
        const source = await realpath(positionals[0]!).catch(() => positionals[0]!);
        const registerPath = await realpath(values.manifest).catch(() => values.manifest!);
        const remembered = new BatchService(engine).rememberedColumns(source, registerPath);
        const preview = previewRegister(
          await loadRegister(registerPath, {
            remembered,
            chosen: columns,
            encoding: values.encoding as RegisterEncoding | undefined,
            sheet: values.sheet,
          }),
        );
        if (values.json) io.out(JSON.stringify(preview, null, 2));
        else for (const line of formatRegisterPreview(preview)) io.out(line);
        return 0;
      } finally {
        await engine.close();
      }
    }
    // Without --workers, the data directory's `ocr.workers` setting (read again as pages are read).
    const workers = values.workers === undefined ? undefined : Number(values.workers);
    if (workers !== undefined && (!Number.isInteger(workers) || workers < 1 || workers > 16))
      throw new UsageError('--workers must be a whole number from 1 to 16');

    let stopRequested = false;
    const stop = () => {
      if (!stopRequested) io.err('sohoa batch: stopping — the pages in hand are finished first (interrupt again to leave now)');
      else process.exit(130);
      stopRequested = true;
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    const agency = agencyForRun(values);
    const issuingAgency = values['issuing-agency']?.trim();
    if (issuingAgency !== undefined && (issuingAgency === '' || issuingAgency.length > 200))
      throw new UsageError('--issuing-agency needs the agency’s name as it was then (1–200 characters)');
    let engine: Engine | undefined;
    let stages: ReturnType<typeof createPipelineStages> | undefined;
    let hotFolder: HotFolder | undefined;
    try {
      try {
        stages = createPipelineStages({ dataDir, ocrWorkers: workers });
        engine = Engine.open({
          dataDir,
          key: cliDataKey(dataDir, values['key-file'], io.env),
          actor,
          agency,
          pipeline: { stages, concurrency: workers, autoStart: false },
        });
      } catch (e) {
        if (isDiskFull(e)) throw new BatchDiskFullError(dataDir, (e as Error).message);
        throw e;
      }
      // Nothing is taken in before the agency is known: every dossier and record carries it.
      engine.requireAgency();
      let arrived = false;
      if (watch) {
        hotFolder = new HotFolder({
          dir: folder,
          accept: (name) => PAGE_FILE.test(name),
          onFile: () => undefined,
          onOutcome: (o) => {
            arrived = true;
            io.err(`sohoa batch: ${o.outcome} ${o.name}`);
          },
          onError: (error, name) => io.err(`sohoa batch: ${name ?? folder}: ${(error as Error).message}`),
        });
        await hotFolder.start();
      }
      const result = await runBatch(engine, {
        folder,
        registerPath,
        encoding: values.encoding as RegisterEncoding | undefined,
        sheet: values.sheet,
        columns,
        separate,
        actor,
        resume: resumeRef !== undefined,
        issuingAgency,
        interrupted: () => stopRequested,
        shouldStop: () => stopRequested,
        keepGoing: watch ? () => !stopRequested : undefined,
        takeInAgain: () => {
          const again = arrived;
          arrived = false;
          return again;
        },
        onIntake: (intake) => {
          io.err(
            `sohoa batch: batch ${intake.batch.id} ${intake.resumed ? 'resumed' : 'opened'}; ${intake.pagesAdded} new page(s)${intake.separators ? `; ${intake.separators} separator page(s)` : ''}${intake.loose.length ? `; ${intake.loose.length} page file(s) outside any dossier` : ''}`,
          );
          for (const w of intake.importWarnings) io.err(`sohoa batch: warning [${w.code}] ${w.message}`);
          if (intake.register)
            io.err(
              `sohoa batch: register ${intake.register.encoding}, ${intake.register.rows.length} row(s), ${intake.register.problems.length} problem(s)`,
            );
        },
        onProgress: (line) => io.err(`sohoa batch: ${line}`),
      });
      if (result.outcome === 'disk-full') throw new BatchDiskFullError(dataDir, result.cause ?? 'ENOSPC');
      print(result.report!);
      if (result.outcome !== 'done') {
        const p = result.report!.pages;
        const left = p.found - p.read - p.failed;
        const what =
          result.outcome === 'cancelled'
            ? 'cancelled: pages taken in are kept, no more are processed'
            : `paused: run again${watch ? ' with --watch' : ''} (or --resume) to go on`;
        io.err(
          `sohoa batch: batch ${result.report!.batch.id} ${what}; ${p.found} page(s) taken in, ${p.read + p.failed} processed, ${left} not processed`,
        );
      }
      return 0;
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      await hotFolder?.stop();
      await engine?.close().catch(() => undefined);
      await stages?.close();
    }
  },
};

/** Files a copier drops that can be pages. */
const PAGE_FILE = /\.(png|jpe?g|tiff?|pdf|pnm|pgm|ppm|pbm)$/i;

/** Prints the QC queue, or approves dossiers: those named by code, or every one with nothing flagged. */
async function qc(
  dataDir: string,
  key: DataKey,
  actor: string,
  ref: string,
  approve: string[] | 'clean' | null,
  json: boolean,
  io: CliIo,
): Promise<number> {
  const engine = Engine.open({ dataDir, key, actor });
  try {
    const batches = new BatchService(engine);
    const id = await batches.find(ref);
    if (approve !== null) {
      const { ids, missing } = batches.dossiersByCode(id, approve === 'clean' ? [] : approve);
      if (missing.length) throw new UsageError(`no dossier ${missing[0]} in batch ${id}`);
      const approved = await batches.approve(id, approve === 'clean' ? 'clean' : ids);
      io.out(`${approved.length} dossier(s) approved in batch ${id}`);
      return 0;
    }
    const { items } = await batches.qcQueue(String(id));
    if (json) io.out(JSON.stringify(items, null, 2));
    else {
      io.out(`QC lô / batch ${id}: ${items.length} item(s)`);
      for (const i of items)
        io.out(
          `  ${i.kind} ${i.dossierCode ?? `${i.box}/${i.archiveNumber}`}${i.source ? ` ${i.source}` : ''}: ${i.reasons.join(', ')}${i.approved ? ' (approved)' : ''}`,
        );
    }
    return 0;
  } finally {
    await engine.close();
  }
}

/** Sets a batch's status from the command line; a batch process running it notices within a second. */
async function control(
  dataDir: string,
  key: DataKey,
  actor: string,
  ref: string,
  status: 'paused' | 'cancelled',
  io: CliIo,
): Promise<number> {
  const engine = Engine.open({ dataDir, key, actor });
  try {
    const { batchId: id, changed, status: now } = await new BatchService(engine).control(ref, status === 'paused' ? 'pause' : 'cancel');
    if (!changed) {
      io.err(`sohoa batch: batch ${id} is ${now}; nothing to do`);
      return 0;
    }
    io.out(`batch ${id} ${status}`);
    return 0;
  } finally {
    await engine.close();
  }
}

/** The signer named on the command line, its password or PIN read from the variable named (never from an argument). */
function signerChoice(
  values: { p12?: string; 'pass-env'?: string; pkcs11?: string; 'token-label'?: string; 'pin-env'?: string },
  env: NodeJS.ProcessEnv,
): SignerChoice {
  if (values.p12 !== undefined && values.pkcs11 !== undefined) throw new UsageError('give --p12 or --pkcs11, not both');
  const secret = (name: string | undefined, flag: string, what: string) => {
    if (name === undefined)
      throw new UsageError(`${flag} needs ${flag === '--p12' ? '--pass-env' : '--pin-env'} VAR naming the variable that holds the ${what}`);
    const value = env[name];
    if (value === undefined) throw new UsageError(`the variable ${name} is not set`);
    return value;
  };
  if (values.p12 !== undefined) return { kind: 'p12', path: values.p12, password: secret(values['pass-env'], '--p12', 'password') };
  if (values.pkcs11 !== undefined)
    return {
      kind: 'pkcs11',
      modulePath: values.pkcs11,
      tokenLabel: values['token-label'],
      pin: secret(values['pin-env'], '--pkcs11', 'PIN'),
    };
  throw new UsageError('--sign needs --p12 FILE --pass-env VAR, or --pkcs11 MODULE --pin-env VAR');
}

/** Signs the batch's approved, unsigned dossiers: the signer opened once for the whole run; SIGINT stops after the dossier in hand. */
async function sign(
  dataDir: string,
  key: DataKey,
  actor: string,
  ref: string,
  choice: SignerChoice,
  json: boolean,
  io: CliIo,
): Promise<number> {
  const engine = Engine.open({ dataDir, key, actor });
  const session = new SignerSession();
  const abort = new AbortController();
  const stop = () => {
    if (!abort.signal.aborted) io.err('sohoa batch: stopping after the dossier being signed (run again to sign the rest)');
    abort.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    const batches = new BatchService(engine);
    const id = await batches.find(ref);
    const subject = await batches.unlockSigner(session, choice, actor);
    const progress = new BatchProgress(0);
    const result = await batches.sign(id, session, actor, {
      signal: abort.signal,
      onProgress: (p) => io.err(`sohoa batch: signing ${progress.line(p.done, p.total, Date.now(), 'dossiers')}`),
    });
    if (json) io.out(JSON.stringify(result, null, 2));
    else {
      io.out(
        `Ký số lô / signed batch ${id} as ${subject}: ${result.signed.length} of ${result.total} dossier(s), ${result.documentsSigned} record(s)${result.cancelled ? '; stopped before the end' : ''}`,
      );
      for (const s of result.skipped) io.out(`  not signed: dossier ${s.dossierId} (${s.code})`);
    }
    return 0;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await session.lock();
    await engine.close();
  }
}

async function storedBatch(
  dataDir: string,
  key: DataKey,
  actor: string,
  ref: string,
): Promise<{ source: string; registerPath: string | null }> {
  const engine = Engine.open({ dataDir, key, actor });
  try {
    return await new BatchService(engine).origin(ref);
  } finally {
    await engine.close();
  }
}
