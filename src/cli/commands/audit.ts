import { dataDirOption, jsonOption, parseCommandArgs } from '../args';
import type { CommandRun } from '../command';
import { UsageError } from '../command';
import { openEngine } from '../open-engine';

const REASONS = {
  hash: 'event edited',
  link: 'chain link broken: event removed or reordered',
  sequence: 'sequence gap: event removed',
  truncated: 'events removed from the end of the log (the anchor outside the database names a later event)',
  'anchor-forged': 'the anchor file outside the database was altered',
} as const;

export const auditCommand: CommandRun = {
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { ...dataDirOption, ...jsonOption });
    if (positionals[0] !== 'verify' || positionals.length > 1) throw new UsageError(`expected 'verify'`);
    const engine = openEngine(values['data-dir'], io.env, values['key-file']);
    try {
      const verdict = engine.verifyAudit();
      if (values.json) io.out(JSON.stringify(verdict));
      else if (verdict.ok) io.out(`audit log intact: ${verdict.events} events`);
      if (!verdict.ok) {
        io.err(`audit log broken at event ${verdict.brokenAt} (${REASONS[verdict.reason]})`);
        return 1;
      }
      return 0;
    } finally {
      engine.close();
    }
  },
};
