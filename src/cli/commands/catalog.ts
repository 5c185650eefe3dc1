import { readFileSync } from 'node:fs';
import { dataDirOption, parseCommandArgs } from '../args';
import type { CommandRun } from '../command';
import { UsageError } from '../command';
import { openEngine } from '../open-engine';
import { parseCatalogCsv } from '../../core/catalog/catalog-import';
import { cliActor } from '../cli-actor';

export const catalogCommand: CommandRun = {
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, dataDirOption);
    if (positionals[0] !== 'import' || positionals.length !== 2) throw new UsageError(`expected 'import <file.csv>'`);
    let text: string;
    try {
      text = readFileSync(positionals[1]!, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read ${positionals[1]}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const { procedures, problems } = parseCatalogCsv(text);
    for (const p of problems) io.err(`line ${p.line}: ${p.message}`);
    const engine = openEngine(values['data-dir'], io.env, values['key-file']);
    try {
      engine.store.transaction(() => {
        engine.store.procedures.upsertMany(procedures);
        engine.audit.append({
          actor: cliActor(io.env),
          action: 'catalog.import',
          subject: positionals[1],
          details: { imported: procedures.length, rejected: problems.length },
        });
      });
    } finally {
      engine.close();
    }
    io.out(`imported ${procedures.length} procedures, ${problems.length} rows rejected`);
    return problems.length && !procedures.length ? 1 : 0;
  },
};
