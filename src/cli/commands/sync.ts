import { dataDirOption, jsonOption, parseCommandArgs } from '../args';
import type { CliIo, CommandRun } from '../command';
import { UsageError } from '../command';
import { resolve } from 'node:path';
import { contractCall } from '../contract-call';
import { openEngine } from '../open-engine';
import type { SyncSendEvent, SyncSendSummary } from '../../shared/sync-send-contract';
import { validateBag } from '../../core/sync/bag-validator';
import { isZipPath, withUnzippedBag } from '../../core/sync/bag-zip';

export const options = {
  ...dataDirOption,
  ...jsonOption,
  hub: { type: 'string' },
  enroll: { type: 'string' },
  name: { type: 'string' },
  batch: { type: 'string', default: '20' },
  concurrency: { type: 'string', default: '4' },
  'limit-kbps': { type: 'string' },
  'max-wait-s': { type: 'string', default: '60' },
  'export-bag': { type: 'string' },
  records: { type: 'string' },
  'validate-bag': { type: 'string' },
  'retry-rejected': { type: 'boolean', default: false },
} as const;

function positive(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0)) throw new UsageError(`--${name} must be a positive number`);
  return n;
}

function printSummary(summary: SyncSendSummary, io: CliIo, json: boolean): void {
  if (json) return io.out(JSON.stringify(summary, null, 2));
  io.out(`Đã gửi / acknowledged: ${summary.acknowledged} (${summary.duplicates} already on the hub)`);
  io.out(`Bị từ chối / rejected: ${summary.rejected.length}`);
  for (const r of summary.rejected) io.out(`  record ${r.recordId}: [${r.code}] ${r.message}`);
  io.out(`Đang chờ / waiting:    ${summary.waiting}`);
  io.out(`${(summary.bytes / 1e6).toFixed(2)} MB in ${(summary.ms / 1000).toFixed(1)} s`);
  const head = summary.auditHead;
  if (head)
    io.out(
      head.sent ? `Nhật ký / audit log head sent: event ${head.seq}` : `Nhật ký / audit log head NOT taken: [${head.code}] ${head.message}`,
    );
}

export const syncCommand: CommandRun = {
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, options);
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if (values['validate-bag']) {
      const path = values['validate-bag'];
      const report = isZipPath(path) ? await withUnzippedBag(path, validateBag) : await validateBag(path);
      if (values.json)
        io.out(
          JSON.stringify(
            { complete: report.complete, valid: report.valid, problems: report.problems, files: report.payload.length },
            null,
            2,
          ),
        );
      else {
        io.out(
          `${report.valid ? 'valid' : 'INVALID'}: ${report.payload.length} payload file(s), complete: ${report.complete ? 'yes' : 'no'}`,
        );
        for (const p of report.problems) io.out(`  [${p.code}] ${p.path ?? ''} ${p.detail ?? ''}`.trimEnd());
      }
      return report.valid ? 0 : 1;
    }
    const engine = openEngine(values['data-dir'], io.env, values['key-file']);
    let unsubscribe: (() => void) | undefined;
    try {
      const call = contractCall(engine);
      if (values['export-bag']) {
        const recordIds = values.records?.split(',').map((s) => {
          const n = Number(s);
          if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--records: '${s}' is not a record id`);
          return n;
        });
        const result = await call('sync.exportBag', { target: resolve(values['export-bag']), recordIds });
        io.out(values.json ? JSON.stringify(result) : `bag ${values['export-bag']}: ${result.records} record(s), ${result.bytes} bytes`);
        return 0;
      }
      if (values.enroll) {
        if (!values.hub) throw new UsageError('--enroll needs --hub URL');
        const status = await call('sync.enroll', { hubUrl: values.hub, code: values.enroll, name: values.name });
        io.err(`enrolled with ${status.hubUrl} as workstation ${status.hubWorkstationId}`);
      }
      if (values['retry-rejected']) await call('sync.retryRejected', {});
      let done = 0;
      unsubscribe = engine.events.subscribe((event, payload) => {
        if (event !== 'sync.send' || values.json) return;
        const e = payload as SyncSendEvent;
        if (e.type === 'acknowledged')
          io.err(`[${++done}] record ${e.recordId} acknowledged ${e.receiptId}${e.duplicate ? ' (already there)' : ''}`);
        else if (e.type === 'rejected') io.err(`record ${e.recordId} rejected [${e.code}] ${e.message}`);
        else io.err(`record ${e.recordId}: [${e.code}] retry in ${(e.inMs / 1000).toFixed(1)} s`);
      });
      const summary = await call('sync.send', {
        hubUrl: values.hub,
        batchSize: positive(values.batch, 'batch'),
        concurrency: positive(values.concurrency, 'concurrency'),
        bandwidthKbps: positive(values['limit-kbps'], 'limit-kbps'),
        maxWaitSeconds: positive(values['max-wait-s'], 'max-wait-s'),
      });
      printSummary(summary, io, values.json ?? false);
      if (summary.stoppedBy) {
        io.err(`sohoa sync: ${summary.stoppedBy.message} [${summary.stoppedBy.code}]`);
        return 1;
      }
      if (summary.waiting > 0 || summary.rejected.length > 0) {
        io.err(`sohoa sync: ${summary.waiting} record(s) still waiting, ${summary.rejected.length} rejected`);
        return 1;
      }
      return 0;
    } finally {
      unsubscribe?.();
      await engine.close();
    }
  },
};
