import { mkdir } from 'node:fs/promises';
import { UsageError } from '../../command';
import { parseColumnChoice, type ColumnMap } from '../../../core/archive/register-columns';
import { REGISTER_ENCODINGS as ENCODINGS } from '../../../core/archive/register-encoding';
import { parseSeparationMode, type SeparationMode } from '../../../core/archive/separation';
import { contractCall } from '../../contract-call';
import { withEngine, type BatchArgs } from './batch-args';
import { findBatch } from './find-batch';

/** What a run (or its register preview) takes in: a folder of scans, a batch to resume, or a hot folder to watch. */
export interface RunTarget {
  folder: string;
  registerPath: string | undefined;
  resumeRef: string | undefined;
  watch: boolean;
  separate: SeparationMode | undefined;
  columns: ColumnMap | undefined;
}

export async function runTarget(args: BatchArgs): Promise<RunTarget> {
  const { values, positionals } = args;
  const resumeRef = values.resume;
  const watch = values.watch !== undefined;
  let folder: string;
  let registerPath = values.manifest;
  if (resumeRef !== undefined) {
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}' with --resume`);
    const found = await withEngine(args, (engine) => findBatch(contractCall(engine), resumeRef));
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
  return { folder, registerPath, resumeRef, watch, separate, columns };
}
