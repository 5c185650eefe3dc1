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
import { BatchDiskFullError, BatchNotFoundError } from '../../core/archive/archive-errors';
import { batchReport, formatBatchReport, type BatchReport } from '../../core/archive/batch-report';
import { loadRegister } from '../../core/archive/batch-intake';
import { batchKey } from '../../core/archive/batch-key';
import { runBatch } from '../../core/archive/batch-run';
import { parseColumnChoice, type ColumnMap } from '../../core/archive/register-columns';
import { formatRegisterPreview, previewRegister, problemPlace } from '../../core/archive/register-preview';
import { qcQueue } from '../../core/archive/qc-queue';
import { approveAudited } from '../../core/archive/qc-approve';
import { controlBatch } from '../../core/archive/batch-control';
import { signBatch } from '../../core/archive/batch-sign';
import { BatchProgress } from '../../core/archive/batch-progress';
import { SignerSession } from '../../core/desk/signer-session';
import { DeskRepository } from '../../core/store/desk-repository';
import { parseSeparationMode } from '../../core/archive/separation';
import { buildSeparatorSheets } from '../../core/archive/separator-sheets';
import { buildPatchSheets } from '../../core/archive/patch-sheets';
import { REGISTER_ENCODINGS as ENCODINGS, type RegisterEncoding } from '../../core/archive/register-encoding';
import { createPipelineStages } from '../../core/jobs/real-stages';
import { ArchiveRepository } from '../../core/store/archive-repository';
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
        const remembered = new ArchiveRepository(engine.store.db).batchByKey(batchKey(source, registerPath))?.columns ?? undefined;
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
    const archive = new ArchiveRepository(engine.store.db);
    const id = await findBatch(archive, ref);
    if (approve !== null) {
      const codes = approve === 'clean' ? [] : approve;
      const ids = codes.map((code) => {
        const row = engine.store.db
          .prepare('SELECT d.id FROM dossier d JOIN archive_folder f ON f.dossier_id = d.id WHERE d.code = ? AND f.batch_id = ?')
          .get(code, id) as { id: number } | undefined;
        if (!row) throw new UsageError(`no dossier ${code} in batch ${id}`);
        return row.id;
      });
      const approved = approveAudited(engine.store.db, engine.audit, actor, id, approve === 'clean' ? 'clean' : { dossierIds: ids });
      io.out(`${approved.length} dossier(s) approved in batch ${id}`);
      return 0;
    }
    const items = qcQueue(engine.store.db, id);
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
    const archive = new ArchiveRepository(engine.store.db);
    const id = await findBatch(archive, ref);
    if (!controlBatch(engine.store.db, archive, engine.audit, actor, id, status === 'paused' ? 'pause' : 'cancel')) {
      io.err(`sohoa batch: batch ${id} is ${archive.batch(id)!.status}; nothing to do`);
      return 0;
    }
    io.out(`batch ${id} ${status}`);
    return 0;
  } finally {
    await engine.close();
  }
}

type SignerChoice =
  { kind: 'p12'; path: string; password: string } | { kind: 'pkcs11'; modulePath: string; tokenLabel?: string; pin: string };

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
    const archive = new ArchiveRepository(engine.store.db);
    const id = await findBatch(archive, ref);
    if (choice.kind === 'p12') await session.unlockP12(choice.path, choice.password);
    else await session.unlockToken(choice);
    const subject = session.status().subject;
    engine.audit.append({
      actor,
      action: 'signer.unlock',
      subject: subject ?? undefined,
      details: { kind: choice.kind === 'p12' ? 'pkcs12' : 'pkcs11' },
    });
    const progress = new BatchProgress(0);
    const result = await signBatch(
      {
        store: engine.store,
        desk: new DeskRepository(engine.store.db),
        audit: engine.audit,
        events: engine.events,
        signer: session,
        actor,
        agencyName: engine.workstation.agencyName,
        now: () => new Date(),
        progress: new Map(),
      },
      archive,
      id,
      { signal: abort.signal, onProgress: (p) => io.err(`sohoa batch: signing ${progress.line(p.done, p.total, Date.now(), 'dossiers')}`) },
    );
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
    const archive = new ArchiveRepository(engine.store.db);
    const batch = archive.batch(await findBatch(archive, ref))!;
    return { source: batch.source, registerPath: batch.registerPath };
  } finally {
    await engine.close();
  }
}

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
