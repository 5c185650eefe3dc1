import { dataDirOption, jsonOption, parseCommandArgs } from '../../args';
import type { CliIo } from '../../command';
import { agencyOptions } from '../../agency-option';
import { cliActor } from '../../cli-actor';
import { cliDataKey } from '../../open-engine';
import { resolveDataDir } from '../../../core/data-dir';
import { Engine } from '../../../core/engine';
import type { DataKey } from '../../../core/security/data-key';
import type { BatchReport } from '../../../shared/batch-report';
import { formatBatchReport } from './report-lines';

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

/** One `sohoa batch` invocation, parsed: each mode's module takes it and reads the flags it needs. */
export interface BatchArgs {
  values: ReturnType<typeof parseCommandArgs<typeof options>>['values'];
  positionals: string[];
  io: CliIo;
  actor: string;
  dataDir: string;
  /** The data key, read when a mode opens the store (the sheet printers never do). */
  key(): DataKey;
}

export function parseBatchArgs(argv: string[], io: CliIo): BatchArgs {
  const { values, positionals } = parseCommandArgs(argv, options);
  const dataDir = resolveDataDir(values['data-dir'], io.env);
  return {
    values,
    positionals,
    io,
    actor: cliActor(io.env),
    dataDir,
    key: () => cliDataKey(dataDir, values['key-file'], io.env),
  };
}

/** Runs `work` on the engine opened on the batch's data directory, and closes it after. */
export async function withEngine<T>(args: BatchArgs, work: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = Engine.open({ dataDir: args.dataDir, key: args.key(), actor: args.actor });
  try {
    return await work(engine);
  } finally {
    await engine.close();
  }
}

/** A batch report, as JSON with --json, else as the lines a person reads. */
export function printReport(args: BatchArgs, report: BatchReport): void {
  if (args.values.json) args.io.out(JSON.stringify(report, null, 2));
  else for (const line of formatBatchReport(report)) args.io.out(line);
}
