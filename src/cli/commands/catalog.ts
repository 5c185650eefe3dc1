import { readFileSync } from 'node:fs';
import { dataDirOption, parseCommandArgs } from '../args';
import type { CommandRun } from '../command';
import { UsageError } from '../command';
import { contractCall } from '../contract-call';
import { openEngine } from '../open-engine';

/** `catalog import FILE.csv`: the file read here and sent as text to `catalog.import`, as the app's file chooser sends bytes. */
export const catalogCommand: CommandRun = {
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, dataDirOption);
    if (positionals[0] !== 'import' || positionals.length !== 2) throw new UsageError(`expected 'import <file.csv>'`);
    const file = positionals[1]!;
    let csv: string;
    try {
      csv = readFileSync(file, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const engine = openEngine(values['data-dir'], io.env, values['key-file']);
    let result;
    try {
      result = await contractCall(engine)('catalog.import', { csv, source: file });
    } finally {
      await engine.close();
    }
    for (const p of result.problems) io.err(`line ${p.line}: ${p.message}`);
    io.out(`imported ${result.imported} procedures, ${result.problems.length} rows rejected`);
    return result.problems.length && !result.imported ? 1 : 0;
  },
};
