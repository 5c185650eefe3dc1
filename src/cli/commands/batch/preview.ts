import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../../command';
import { contractCall } from '../../contract-call';
import type { RegisterEncoding } from '../../../shared/register-preview';
import { withEngine, type BatchArgs } from './batch-args';
import { formatRegisterPreview } from './register-preview-lines';
import type { RunTarget } from './run-target';

/** `FOLDER --manifest REGISTER --preview` (`batch.registerPreview`): the register's columns and rows as a run would read them, nothing taken in. */
export function registerPreviewMode(args: BatchArgs, target: RunTarget): Promise<number> {
  const { values, positionals, io } = args;
  if (values.manifest === undefined) throw new UsageError('--preview needs --manifest');
  return withEngine(args, async (engine) => {
    const absolute = (path: string) => realpath(path).catch(() => resolve(path));
    const preview = await contractCall(engine)('batch.registerPreview', {
      folder: await absolute(positionals[0]!),
      registerPath: await absolute(values.manifest!),
      columns: target.columns,
      encoding: values.encoding as RegisterEncoding | undefined,
      sheet: values.sheet,
    });
    if (values.json) io.out(JSON.stringify(preview, null, 2));
    else for (const line of formatRegisterPreview(preview)) io.out(line);
    return 0;
  });
}
