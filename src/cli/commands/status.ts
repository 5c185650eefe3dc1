import { dataDirOption, jsonOption, parseCommandArgs } from '../args';
import type { CommandRun } from '../command';
import { UsageError } from '../command';
import { openEngine } from '../open-engine';
import { writeFileSync } from 'node:fs';
import { isIsoDate } from '../../shared/dates';
import type { CliIo } from '../command';
import { contractCall, type ContractCall } from '../contract-call';

/**
 * `status --verify`: every summary the dashboard reads, recomputed from the base tables; each
 * difference on its own line and exit 1 on any. With --rebuild, as the app does at start: rebuilt and
 * recorded in the audit log.
 */
async function verifySummaries(call: ContractCall, io: CliIo, rebuild: boolean): Promise<number> {
  const { differences } = await call('stats.verifySummaries', { rebuild });
  for (const d of differences) io.out(d.description);
  if (differences.length === 0) {
    io.out('Số liệu tổng hợp khớp với đếm lại / summaries match a full recount');
    return 0;
  }
  io.err(
    `${differences.length} khác biệt giữa số liệu tổng hợp và đếm lại / differences between the summaries and a full recount${rebuild ? '; rebuilt and recorded in the audit log' : ''}`,
  );
  return 1;
}

export const statusCommand: CommandRun = {
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      ...dataDirOption,
      ...jsonOption,
      from: { type: 'string' },
      to: { type: 'string' },
      procedure: { type: 'string' },
      verify: { type: 'boolean' },
      rebuild: { type: 'boolean' },
      xlsx: { type: 'string' },
      pdf: { type: 'string' },
    });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    for (const key of ['from', 'to'] as const) {
      if (values[key] !== undefined && !isIsoDate(values[key])) throw new UsageError(`--${key} must be a date YYYY-MM-DD`);
    }
    if (values.rebuild && !values.verify) throw new UsageError('--rebuild goes with --verify');
    const engine = openEngine(values['data-dir'], io.env, values['key-file']);
    try {
      const call = contractCall(engine);
      if (values.verify) return await verifySummaries(call, io, values.rebuild === true);
      const status = await call('status.get', {});
      const filter = { from: values.from, to: values.to, procedureCode: values.procedure };
      const { indicators, backlog } = await call('stats.dashboard', filter);
      for (const format of ['xlsx', 'pdf'] as const) {
        const file = values[format];
        if (!file) continue;
        const report = await call('stats.export', { filter, format });
        writeFileSync(file, Buffer.from(report.base64, 'base64'));
        io.err(`wrote ${file}`);
      }
      if (values.json) io.out(JSON.stringify({ ...status, indicators, backlog }, null, 2));
      else {
        io.out(`Hồ sơ / dossiers:     ${status.dossiers}`);
        io.out(`Tài liệu / documents: ${status.documents}`);
        io.out(`Trang / pages:        ${status.pages}`);
        io.out(`Bản ghi / records:    ${status.records}`);
        io.out(
          `Jobs: ${Object.entries(status.jobs)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}`,
        );
        io.out(
          `Outbox: ${Object.entries(status.outbox)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}`,
        );
        if (indicators.notices.includes('future-range'))
          io.out('Khoảng thời gian nằm trong tương lai / the range lies (partly) in the future');
        if (indicators.empty) io.out('Chưa có hồ sơ tiếp nhận trong khoảng này / no intake dossiers in this range');
        else {
          const pct = (r: { rate: number | null; count: number; of: number }) =>
            r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}% (${r.count}/${r.of})`;
          io.out(`Số hóa đầy đủ / fully digitized: ${pct(indicators.intake.fullyDigitized)}`);
          io.out(`Kết quả đã số hóa / results digitized: ${pct(indicators.intake.resultsDigitized)}`);
          io.out(`Tái sử dụng dữ liệu / data reused: ${pct(indicators.intake.reused)}`);
          io.out(
            `Đúng hạn / on time: ${pct(indicators.intake.onTime)}; trễ hạn / late: ${pct(indicators.intake.late)}; quá hạn chưa xong / open past due: ${pct(indicators.intake.openPastDue)}`,
          );
          io.out(`Trang gắn cờ / pages flagged: ${pct(indicators.quality.flagged)}`);
        }
        if (!backlog.registersImported) io.out('Chưa nhập sổ theo dõi lưu trữ / no archive register imported: backlog unknown');
        else {
          const t = backlog.totals;
          io.out(
            `Lưu trữ / archive: registered ${t.registered}, captured ${t.captured}, digitized ${t.digitized}, signed ${t.signed}; approved: not tracked`,
          );
          io.out(
            `Trang còn lại / pages left: ${t.pagesLeft ?? '—'}; pace ${backlog.pace === null ? '—' : backlog.pace.toFixed(0)} pages/day; days left ${backlog.daysLeft === null ? '—' : Math.ceil(backlog.daysLeft)}`,
          );
        }
      }
      return 0;
    } finally {
      engine.close();
    }
  },
};
