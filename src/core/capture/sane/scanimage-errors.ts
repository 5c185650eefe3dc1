import type { CodedError } from '../../../shared/errors';
import {
  ScannerBusyError,
  ScannerCoverOpenError,
  ScannerFailedError,
  ScannerGoneError,
  ScannerJamError,
  ScannerOptionUnsupportedError,
} from '../scanner-errors';

const FEEDER_EMPTY = 'Document feeder out of documents';

/** What scanimage's stderr says about how a run ended. */
export type ScanimageOutcome = { kind: 'ok' } | { kind: 'feeder-ran-out' } | { kind: 'error'; error: CodedError };

function lastStatusMessage(stderr: string): { where: string; status: string } | undefined {
  let found: { where: string; status: string } | undefined;
  for (const line of stderr.split(/\r?\n|\r/)) {
    const open = /open of device (.+) failed: (.+)$/.exec(line);
    if (open) found = { where: 'open', status: open[2]!.trim() };
    const call = /scanimage: (sane_\w+): (.+)$/.exec(line);
    if (call) found = { where: call[1]!, status: call[2]!.trim() };
    if (/no SANE devices found/i.test(line)) found = { where: 'open', status: 'no SANE devices found' };
    const setting = /setting of option (--?[\w-]+) failed/.exec(line);
    if (setting) found = { where: 'option', status: setting[1]! };
  }
  return found;
}

/**
 * Reads how a scanimage run ended from its exit code and stderr. A feeder that runs
 * out is reported as such and the caller decides: normal after some pages, an error
 * before the first.
 */
export function classifyScanimageExit(exitCode: number | null, stderr: string, deviceId: string, pagesDelivered = 0): ScanimageOutcome {
  const last = lastStatusMessage(stderr);
  const tail = stderr
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '' && !l.startsWith('Progress:'))
    .slice(-5)
    .join('\n');
  const details = { deviceId, exitCode, stderr: tail, pagesDelivered };
  if (last?.status === FEEDER_EMPTY) return { kind: 'feeder-ran-out' };
  if (exitCode === 0 && (!last || last.where === 'option')) return { kind: 'ok' };
  if (!last) return { kind: 'error', error: new ScannerFailedError(`scanimage exited with code ${exitCode}`, details) };
  if (last.where === 'option') return { kind: 'error', error: new ScannerOptionUnsupportedError(last.status, details) };
  const status = last.status;
  if (/Device busy/i.test(status)) return { kind: 'error', error: new ScannerBusyError(details) };
  if (/jammed/i.test(status)) return { kind: 'error', error: new ScannerJamError(details) };
  if (/cover is open/i.test(status)) return { kind: 'error', error: new ScannerCoverOpenError(details) };
  if (last.where === 'open' && /Invalid argument|no SANE devices found|not found|No such/i.test(status)) {
    return { kind: 'error', error: new ScannerGoneError(details) };
  }
  if (/Operation was cancell?ed/i.test(status)) return { kind: 'error', error: new ScannerFailedError('cancelled by the device', details) };
  return { kind: 'error', error: new ScannerFailedError(status, details) };
}
