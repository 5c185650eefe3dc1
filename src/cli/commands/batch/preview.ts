import { realpath } from 'node:fs/promises';
import { UsageError } from '../../command';
import { loadRegister } from '../../../core/archive/batch-intake';
import { BatchService } from '../../../core/archive/batch-service';
import type { RegisterEncoding } from '../../../core/archive/register-encoding';
import { formatRegisterPreview, previewRegister } from '../../../core/archive/register-preview';
import { withEngine, type BatchArgs } from './batch-args';
import type { RunTarget } from './run-target';

/** `FOLDER --manifest REGISTER --preview`: the register's columns and rows as a run would read them, nothing taken in. */
export function registerPreviewMode(args: BatchArgs, target: RunTarget): Promise<number> {
  const { values, positionals, io } = args;
  if (values.manifest === undefined) throw new UsageError('--preview needs --manifest');
  return withEngine(args, async (engine) => {
    const source = await realpath(positionals[0]!).catch(() => positionals[0]!);
    const registerPath = await realpath(values.manifest!).catch(() => values.manifest!);
    const remembered = new BatchService(engine).rememberedColumns(source, registerPath);
    const preview = previewRegister(
      await loadRegister(registerPath, {
        remembered,
        chosen: target.columns,
        encoding: values.encoding as RegisterEncoding | undefined,
        sheet: values.sheet,
      }),
    );
    if (values.json) io.out(JSON.stringify(preview, null, 2));
    else for (const line of formatRegisterPreview(preview)) io.out(line);
    return 0;
  });
}
