import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { UsageError } from '../../command';
import { loadRegister } from '../../../core/archive/batch-intake';
import type { RegisterEncoding } from '../../../core/archive/register-encoding';
import { parseColumnChoice } from '../../../core/archive/register-columns';
import { buildSeparatorSheets } from '../../../core/archive/separator-sheets';
import { problemPlace } from '../../../shared/batch-report';
import type { BatchArgs } from './batch-args';

/** `--separator-sheets REGISTER --out FILE`: one sheet per register row, to put before each dossier's pages. */
export async function separatorSheetsMode({ values, positionals, io }: BatchArgs): Promise<number> {
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}' with --separator-sheets`);
  if (values.out === undefined) throw new UsageError('--separator-sheets needs --out sheets.pdf');
  const registerPath = values['separator-sheets']!;
  const register = await loadRegister(registerPath, {
    chosen: values.map === undefined ? undefined : parseColumnChoice(values.map),
    encoding: values.encoding as RegisterEncoding | undefined,
    sheet: values.sheet,
  });
  if (register.rows.length === 0) throw new UsageError('the register has no usable row: no sheet to print');
  const pdf = await buildSeparatorSheets(register.rows, basename(registerPath));
  await writeFile(values.out, pdf);
  for (const p of register.problems) io.err(`sohoa batch: register ${problemPlace(p)}: ${p.code} (${p.severity}) ${p.message}`);
  io.out(`${register.rows.length} separator sheet(s) written to ${values.out}`);
  return 0;
}
