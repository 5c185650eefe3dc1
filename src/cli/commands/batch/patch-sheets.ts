import { writeFile } from 'node:fs/promises';
import { UsageError } from '../../command';
import { buildPatchSheets } from '../../../core/archive/patch-sheets';
import type { BatchArgs } from './batch-args';

/** `--patch-t-sheets FILE [--count N]`: Patch T separator sheets to print. */
export async function patchSheetsMode({ values, positionals, io }: BatchArgs): Promise<number> {
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}' with --patch-t-sheets`);
  const count = values.count === undefined ? 1 : Number(values.count);
  if (!Number.isInteger(count) || count < 1 || count > 1000) throw new UsageError('--count must be a whole number from 1 to 1000');
  await writeFile(values['patch-t-sheets']!, await buildPatchSheets('T', count));
  io.out(`${count} Patch T sheet(s) written to ${values['patch-t-sheets']} (print at 100 %, not fitted to the page)`);
  return 0;
}
