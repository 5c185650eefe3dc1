import { CodedError } from '../../shared/errors';

/** The feeder had no paper when the scan started. (Running out after some pages is a normal end.) */
export class ScannerFeederEmptyError extends CodedError {
  constructor(details?: Record<string, unknown>) {
    super('scanner.feeder-empty', 'The document feeder is empty', details);
  }
}

export class ScannerJamError extends CodedError {
  constructor(details?: Record<string, unknown>) {
    super('scanner.jammed', 'The document feeder is jammed', details);
  }
}

export class ScannerBusyError extends CodedError {
  constructor(details?: Record<string, unknown>) {
    super('scanner.busy', 'The scanner is busy', details);
  }
}

/** The device is not there (unplugged, switched off, unreachable, unknown id). */
export class ScannerGoneError extends CodedError {
  constructor(details?: Record<string, unknown>) {
    super('scanner.gone', 'The scanner is not available', details);
  }
}

export class ScannerCoverOpenError extends CodedError {
  constructor(details?: Record<string, unknown>) {
    super('scanner.cover-open', 'The scanner cover is open', details);
  }
}

/** The device dropped the scan job it had accepted. */
export class ScannerJobLostError extends CodedError {
  constructor(details?: Record<string, unknown>) {
    super('scanner.job-lost', 'The scanner lost the scan job', details);
  }
}

/** The device cannot do what was asked (no feeder, no such resolution or mode). */
export class ScannerOptionUnsupportedError extends CodedError {
  constructor(option: string, details?: Record<string, unknown>) {
    super('scanner.option-unsupported', `The scanner does not support this ${option}`, { option, ...details });
  }
}

/** The program or system service the driver needs is missing on this machine. */
export class ScanDriverUnavailableError extends CodedError {
  constructor(driver: string, details?: Record<string, unknown>) {
    super('scanner.driver-unavailable', `The ${driver} scan driver is not available on this machine`, { driver, ...details });
  }
}

/** Any other failure the device or driver reported. */
export class ScannerFailedError extends CodedError {
  constructor(reason: string, details?: Record<string, unknown>) {
    super('scanner.failed', `The scan failed: ${reason}`, details);
  }
}

/** The scanner sent an image that could not be read. */
export class ScannedImageCorruptError extends CodedError {
  constructor(reason: string, details?: Record<string, unknown>) {
    super('scanner.image-corrupt', `The scanner sent an unreadable image: ${reason}`, details);
  }
}

/** A page size (a profile's paper) larger than the device's scan area: refused rather than silently cut. */
export class ScannerPaperTooLargeError extends CodedError {
  constructor(deviceId: string, paper: { widthMm: number; heightMm: number }, maxArea: { widthMm: number; heightMm: number }) {
    super(
      'scanner.paper-too-large',
      `A ${paper.widthMm}×${paper.heightMm} mm page does not fit the scan area of ${deviceId} (${maxArea.widthMm}×${maxArea.heightMm} mm)`,
      { deviceId, paper, maxArea },
    );
  }
}
