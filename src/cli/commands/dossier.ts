import { dataDirOption, jsonOption, parseCommandArgs } from '../args';
import type { CommandRun } from '../command';
import { UsageError } from '../command';
import { openEngine } from '../open-engine';
import { CodedError } from '../../shared/errors';
import { contractCall } from '../contract-call';

const createOptions = {
  ...dataDirOption,
  ...jsonOption,
  procedure: { type: 'string' },
  name: { type: 'string' },
  cccd: { type: 'string' },
  phone: { type: 'string' },
  address: { type: 'string' },
  received: { type: 'string' },
  due: { type: 'string' },
  reason: { type: 'string' },
} as const;

export const dossierCommand: CommandRun = {
  async run(argv, io) {
    if (argv[0] === 'return') return (await import('./dossier-return')).dossierReturn(argv, io);
    const { values, positionals } = parseCommandArgs(argv, createOptions);
    const action = positionals[0];
    if (action === 'delete' ? positionals.length !== 2 : (action !== 'create' && action !== 'list') || positionals.length > 1) {
      throw new UsageError(`expected 'create', 'list', 'delete CODE' or 'return CODE'`);
    }
    const engine = openEngine(values['data-dir'], io.env, values['key-file']);
    try {
      if (action === 'delete') {
        const code = positionals[1]!;
        const dossier = engine.store.dossiers.byCode(code);
        if (!dossier) throw new CodedError('dossier.not-found', `no dossier ${code}`);
        await contractCall(engine)('dossier.delete', { id: dossier.id, reason: values.reason ?? '' });
        io.out(`${code} deleted (recorded in the audit log with its reason)`);
        return 0;
      }
      if (action === 'list') {
        const { items, total } = await engine.handlers['dossier.list']({ limit: 500, offset: 0 });
        if (values.json) io.out(JSON.stringify({ items, total }));
        else
          for (const d of items)
            io.out(`${d.code}\t${d.applicantName ?? ''}\t${d.procedureCode ?? ''}\t${d.receivedDate ?? ''}\t${d.status}`);
        return 0;
      }
      // Through the engine's edge, so the CLI gets exactly the app's validation.
      const created = await contractCall(engine)('dossier.create', {
        procedureCode: values.procedure ?? '',
        applicantName: values.name ?? '',
        applicantCccd: values.cccd ?? '',
        applicantPhone: values.phone,
        applicantAddress: values.address,
        receivedDate: values.received ?? '',
        dueDate: values.due,
      });
      io.out(values.json ? JSON.stringify(created) : created.code);
      return 0;
    } finally {
      engine.close();
    }
  },
};
