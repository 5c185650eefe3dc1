import { dataDirOption, jsonOption, parseCommandArgs } from '../args';
import type { Command } from '../command';
import { UsageError } from '../command';
import { openEngine } from '../open-engine';

export const statusCommand: Command = {
  name: 'status',
  usage: 'status [--data-dir D] [--json]',
  summary: 'progress and indicators from the local store',
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { ...dataDirOption, ...jsonOption });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const engine = openEngine(values['data-dir'], io.env);
    try {
      const status = await engine.handlers['status.get']({});
      if (values.json) io.out(JSON.stringify(status, null, 2));
      else {
        io.out(`Hồ sơ / dossiers:     ${status.dossiers}`);
        io.out(`Tài liệu / documents: ${status.documents}`);
        io.out(`Trang / pages:        ${status.pages}`);
        io.out(`Bản ghi / records:    ${status.records}`);
        io.out(`Jobs: ${Object.entries(status.jobs).map(([k, v]) => `${k} ${v}`).join(', ')}`);
        io.out(`Outbox: ${Object.entries(status.outbox).map(([k, v]) => `${k} ${v}`).join(', ')}`);
      }
      return 0;
    } finally {
      engine.close();
    }
  },
};
