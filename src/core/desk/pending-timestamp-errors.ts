import { CodedError } from '../../shared/errors';

/** The authority answered, but its timestamp does not verify over the record: it is not kept. */
export class TimestampUnverifiedError extends CodedError {
  constructor(documentId: number) {
    super('record.timestamp-unverified', `The timestamp the authority gave for document ${documentId} does not verify; it was not added`, {
      documentId,
    });
  }
}

/** Adding a waiting timestamp failed for a reason that has no code of its own (a fault in SoHoa or a library). */
export class TimestampAddFailedError extends CodedError {
  constructor(documentId: number, reason: string) {
    super('record.timestamp-add-failed', `The timestamp of document ${documentId} could not be added: ${reason}`, { documentId });
  }
}
