import { CodedError } from '../../shared/errors';

/** The document is not a result of its dossier (only a result may be added to a finalized dossier). */
export class NotAResultError extends CodedError {
  constructor(documentId: number) {
    super('result.not-a-result', `Document ${documentId} is not a result document`, { documentId });
  }
}

/** A result is handed back once; after that the dossier is closed. */
export class DossierAlreadyReturnedError extends CodedError {
  constructor(dossierId: number, returnedAt: string) {
    super('result.already-returned', `Dossier ${dossierId} was handed back at ${returnedAt}`, { dossierId, returnedAt });
  }
}

/** Results are handed back on intake dossiers; an archive dossier marks its result in its batch. */
export class NotAnIntakeDossierError extends CodedError {
  constructor(dossierId: number) {
    super('result.not-intake', `Dossier ${dossierId} is not an intake dossier`, { dossierId });
  }
}

/** The hand-back needs the result digitized and signed first. */
export class ResultNotSignedError extends CodedError {
  constructor(dossierId: number) {
    super('result.not-signed', `Dossier ${dossierId} has no signed result document to hand back`, { dossierId });
  }
}

/** A late hand-back records why (the apology and new appointment slip). */
export class LateReasonRequiredError extends CodedError {
  constructor(dossierId: number, workingDaysLate: number) {
    super('result.late-reason-required', `Dossier ${dossierId} is handed back ${workingDaysLate} working day(s) late: give the reason`, {
      dossierId,
      workingDaysLate,
    });
  }
}

/** A person authorised by the applicant shows the authorisation (giấy ủy quyền); its reference is recorded. */
export class AuthorizationRequiredError extends CodedError {
  constructor() {
    super('result.authorization-required', 'A person authorised by the applicant needs the reference of the authorisation');
  }
}

export class HandBackTimeError extends CodedError {
  constructor(returnedAt: string, reason: 'future' | 'before-received') {
    super(
      'result.time-invalid',
      reason === 'future'
        ? `The hand-back time ${returnedAt} is in the future`
        : `The hand-back time ${returnedAt} is before the dossier was received`,
      { returnedAt, reason },
    );
  }
}

/** The imported file is not a PDF that can be read. */
export class ResultPdfUnreadableError extends CodedError {
  constructor(name: string, cause: string) {
    super('result.pdf-unreadable', `Cannot read ${name} as a PDF: ${cause}`, { name });
  }
}

/** The result has no record to sign yet (its pages are still being read, or nothing was added). */
export class ResultNotReadyError extends CodedError {
  constructor(documentId: number) {
    super('result.not-ready', `Result document ${documentId} has no record to sign yet`, { documentId });
  }
}

/** The `calendar.holidays` setting holds something other than a list of dates. */
export class HolidaySettingInvalidError extends CodedError {
  constructor(value: string) {
    super('calendar.holidays-invalid', 'The calendar.holidays setting is not a JSON list of YYYY-MM-DD dates', {
      value: value.slice(0, 200),
    });
  }
}

/** A document timestamp goes on a signed result only (it dates signatures, it does not replace them). */
export class ResultTimestampUnsignedError extends CodedError {
  constructor(documentId: number) {
    super('result.timestamp-unsigned', `Result document ${documentId} carries no signature to timestamp`, { documentId });
  }
}

/** Nothing to ask for a timestamp: the signing.tsa-url setting is empty. */
export class TsaNotConfiguredError extends CodedError {
  constructor() {
    super('result.tsa-not-configured', 'No timestamp authority is configured (signing.tsa-url)');
  }
}
