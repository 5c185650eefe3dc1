import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Engine } from '../../core/engine';
import { createPipelineStages } from '../../core/jobs/real-stages';
import { resolveDataDir } from '../../core/data-dir';
import { CodedError } from '../../shared/errors';
import { HAND_BACK_METHODS, RESULT_KINDS, type HandBackMethod, type ResultKind } from '../../shared/result-contract';
import { dataDirOption, jsonOption, parseCommandArgs } from '../args';
import type { CliIo } from '../command';
import { UsageError } from '../command';
import { cliDataKey } from '../open-engine';
import { cliActor } from '../cli-actor';
import { contractCall } from '../contract-call';

const options = {
  ...dataDirOption,
  ...jsonOption,
  result: { type: 'string', multiple: true },
  kind: { type: 'string' },
  number: { type: 'string' },
  date: { type: 'string' },
  to: { type: 'string' },
  authorization: { type: 'string' },
  method: { type: 'string' },
  at: { type: 'string' },
  'late-reason': { type: 'string' },
  'new-date': { type: 'string' },
  sign: { type: 'string' },
  'pass-env': { type: 'string' },
  pkcs11: { type: 'string' },
  'token-label': { type: 'string' },
  'pin-env': { type: 'string' },
} as const;

const IMAGE = /\.(jpe?g|png|tiff?)$/i;

/**
 * `sohoa dossier return CODE --result FILE…`: the desk's Trả kết quả without a window, through the
 * engine's contract (same checks, same coded errors). PDFs are imported as they are (one result each);
 * images become the pages of one scanned result, read by the pipeline. Each result is signed, then
 * the dossier is handed back.
 */
export async function dossierReturn(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, options);
  const [, code, ...more] = positionals;
  if (!code) throw new UsageError('expected dossier return CODE --result FILE…');
  const files = [...(values.result ?? []), ...more];
  if (files.length === 0) throw new UsageError('give the result with --result FILE (a PDF, or page images)');
  const unknown = files.find((f) => extname(f).toLowerCase() !== '.pdf' && !IMAGE.test(f));
  if (unknown) throw new UsageError(`${unknown}: a result is a PDF or page images (JPEG, PNG, TIFF)`);
  const kind = (values.kind ?? 'khac') as ResultKind;
  if (!RESULT_KINDS.includes(kind)) throw new UsageError(`--kind must be one of ${RESULT_KINDS.join(', ')}`);
  const method = (values.method ?? 'desk') as HandBackMethod;
  if (!HAND_BACK_METHODS.includes(method)) throw new UsageError(`--method must be one of ${HAND_BACK_METHODS.join(', ')}`);
  if (!!values.sign === !!values.pkcs11)
    throw new UsageError('sign the result with --sign FILE.p12 --pass-env VAR, or --pkcs11 MODULE --pin-env VAR');
  const secretVar = values.sign ? values['pass-env'] : values['pin-env'];
  if (!secretVar)
    throw new UsageError(
      values.sign
        ? '--sign needs --pass-env VAR naming the variable that holds the password'
        : '--pkcs11 needs --pin-env VAR naming the variable that holds the PIN',
    );
  const secret = io.env[secretVar];
  if (secret === undefined) throw new UsageError(`the variable ${secretVar} is not set`);

  // Read before anything is added, so a file that cannot be read leaves no empty result behind.
  const pdfs = await Promise.all(
    files.filter((f) => !IMAGE.test(f)).map(async (f) => ({ name: basename(f), bytes: await readResultFile(f) })),
  );
  const dataDir = resolveDataDir(values['data-dir'], io.env);
  const images = files.filter((f) => IMAGE.test(f));
  const stages = images.length ? createPipelineStages({ dataDir, ocrWorkers: 1 }) : undefined;
  const engine = Engine.open({
    dataDir,
    key: cliDataKey(dataDir, values['key-file'], io.env),
    actor: cliActor(io.env),
    pipeline: stages && { stages, concurrency: 1 },
  });
  const call = contractCall(engine);
  try {
    const dossier = engine.store.dossiers.byCode(code);
    if (!dossier) throw new CodedError('dossier.not-found', `no dossier ${code}`);
    // Checked before anything is added, so a refused hand-back leaves no result behind to duplicate on the next run.
    const earlier = (await call('result.status', { dossierId: dossier.id })).handBack;
    if (earlier)
      throw new CodedError('result.already-returned', `${code} was handed back at ${earlier.returnedAt}`, {
        dossierId: dossier.id,
        returnedAt: earlier.returnedAt,
      });
    const timeliness = await call('result.timeliness', { dossierId: dossier.id, returnedAt: values.at });
    if (timeliness.onTime === false && !values['late-reason']) {
      throw new CodedError(
        'result.late-reason-required',
        `${code} is handed back ${timeliness.workingDaysLate} working day(s) late: give --late-reason`,
        { dossierId: dossier.id, workingDaysLate: timeliness.workingDaysLate },
      );
    }
    if (values.sign) await call('signer.unlock', { p12Path: values.sign, password: secret });
    else await call('signer.unlockToken', { modulePath: values.pkcs11!, tokenLabel: values['token-label'], pin: secret });
    const resultInput = { dossierId: dossier.id, kind, number: values.number, date: values.date };
    const documents: number[] = [];
    for (const pdf of pdfs) {
      const documentId = (await call('result.create', resultInput)).id;
      await call('result.importPdf', { documentId, name: pdf.name, dataBase64: pdf.bytes.toString('base64') });
      documents.push(documentId);
    }
    if (images.length) {
      const documentId = (await call('result.create', resultInput)).id;
      const added = await call('document.importFiles', { documentId, paths: images });
      if (added.errors.length) throw new CodedError(added.errors[0]!.code, `${added.errors[0]!.source}: ${added.errors[0]!.message}`);
      await engine.idle();
      documents.push(documentId);
    }
    const signed = [];
    for (const documentId of documents) signed.push(await call('result.sign', { documentId }));
    const handBack = await call('result.handBack', {
      dossierId: dossier.id,
      returnedAt: values.at,
      receiverName: values.to ?? dossier.applicantName ?? '',
      receiverKind: values.authorization ? 'authorized' : 'applicant',
      authorizationRef: values.authorization,
      method,
      lateReason: values['late-reason'],
      newDate: values['new-date'],
    });
    if (values.json) io.out(JSON.stringify({ code, results: signed, handBack }));
    else {
      const when =
        handBack.onTime === null ? 'no due date' : handBack.onTime ? 'on time' : `late by ${handBack.workingDaysLate} working day(s)`;
      io.out(
        `${code}: ${signed.length} result(s) signed${signed.some((s) => s.countersigned) ? ' (counter-signed)' : ''}; handed back ${handBack.returnedAt}, ${when}`,
      );
      if (signed.some((s) => s.timestamp === 'unreachable'))
        io.err('warning: the timestamp authority did not answer, so the result is signed without a timestamp; add one later at the desk');
    }
    return 0;
  } finally {
    await engine.close();
    await stages?.close();
  }
}

/** The command line reads the result file itself: the engine takes its bytes, never a path. */
async function readResultFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new CodedError('result.pdf-unreadable', `Cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, {
      name: basename(path),
    });
  }
}
