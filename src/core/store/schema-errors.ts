import { CodedError } from '../../shared/errors';

/** The store was made or upgraded by a newer SoHoa: this build cannot know its schema, so it does not touch it. */
export class SchemaNewerError extends CodedError {
  constructor(found: number, known: number) {
    super(
      'store.schema-newer',
      `The store's schema is version ${found}, newer than this build knows (${known}): update SoHoa; the store was left as it is`,
      { found, known },
    );
  }
}
