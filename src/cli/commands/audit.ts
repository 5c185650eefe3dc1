import { dataDirOption, jsonOption, parseCommandArgs } from '../args';
import type { CommandRun } from '../command';
import { UsageError } from '../command';
import { contractCall } from '../contract-call';
import { openEngine } from '../open-engine';

const REASONS = {
  hash: 'event edited',
  link: 'chain link broken: event removed or reordered',
  sequence: 'sequence gap: event removed',
  truncated: 'events removed from the end of the log (the anchor outside the database names a later event)',
  'anchor-forged': 'the anchor file outside the database was altered',
  'anchor-missing':
    'the anchor file outside the data directory is missing, so events removed from the end cannot be ruled out; if it was lost, run `sohoa audit re-anchor`',
  'rewritten-since-sync':
    'the log no longer holds the event the hub saw at the last sync: it was cut or rewritten since [audit.rewritten-since-sync]',
  'anchor-damaged':
    'the anchor file outside the data directory is damaged (torn or unreadable, not a forged seal); run `sohoa audit re-anchor` to anchor the log at its head again',
} as const;

/** What `--hub` adds to an intact verdict. */
const hubNote = (verdict: object): string => {
  if (!('hubHead' in verdict)) return '';
  const head = verdict.hubHead as { seq: number; receivedAt: string } | null;
  return head
    ? `; it still holds event ${head.seq}, the head the hub saw on ${head.receivedAt}`
    : '; the hub has no head from this workstation yet (no sync since)';
};

export const auditCommand: CommandRun = {
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { ...dataDirOption, ...jsonOption, hub: { type: 'string' } });
    const action = positionals[0];
    if ((action !== 'verify' && action !== 're-anchor') || positionals.length > 1) throw new UsageError(`expected 'verify' or 're-anchor'`);
    if (values.hub !== undefined && action !== 'verify') throw new UsageError('--hub goes with `audit verify`');
    const engine = openEngine(values['data-dir'], io.env, values['key-file']);
    try {
      const call = contractCall(engine);
      const verdict =
        action === 're-anchor'
          ? await call('audit.reAnchor', {})
          : await call('audit.verify', { hub: values.hub !== undefined, hubUrl: values.hub || undefined });
      if (values.json) io.out(JSON.stringify(verdict));
      else if (verdict.ok)
        io.out(
          action === 're-anchor'
            ? `audit log anchored again at event ${verdict.events}`
            : `audit log intact: ${verdict.events} events${hubNote(verdict)}`,
        );
      if (!verdict.ok) {
        io.err(`audit log broken at event ${verdict.brokenAt} (${REASONS[verdict.reason]})`);
        return 1;
      }
      return 0;
    } finally {
      await engine.close();
    }
  },
};
