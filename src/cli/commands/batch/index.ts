import { UsageError, type CommandRun } from '../../command';
import { parseBatchArgs } from './batch-args';
import { batchControlMode } from './control';
import { patchSheetsMode } from './patch-sheets';
import { registerPreviewMode } from './preview';
import { batchQcMode } from './qc';
import { batchReportMode } from './report';
import { batchRunMode } from './run';
import { runTarget } from './run-target';
import { separatorSheetsMode } from './separator-sheets';
import { batchSignMode } from './sign';

export { options } from './batch-args';

/** `sohoa batch`: the flag given picks the mode; without one, a run over a folder of scans. */
export const batchCommand: CommandRun = {
  async run(argv, io) {
    const args = parseBatchArgs(argv, io);
    const { values } = args;
    if (values.report !== undefined) return batchReportMode(args);
    if (values['separator-sheets'] !== undefined) return separatorSheetsMode(args);
    if (values.count !== undefined && values['patch-t-sheets'] === undefined) throw new UsageError('--count goes with --patch-t-sheets');
    if (values['patch-t-sheets'] !== undefined) return patchSheetsMode(args);
    if (values.qc !== undefined || values.approve !== undefined) return batchQcMode(args);
    if (values.sign !== undefined) return batchSignMode(args);
    if (values.pause !== undefined) return batchControlMode(args, 'paused');
    if (values.cancel !== undefined) return batchControlMode(args, 'cancelled');
    const target = await runTarget(args);
    if (values.preview) return registerPreviewMode(args, target);
    return batchRunMode(args, target);
  },
};
